/** What widgets read from the edge. Imports only zod. */
import { z } from 'zod';

export const WIDGETS = [
  'service-catalog',
  'pricing-calculator',
  'onboarding-form',
  'support-chat',
] as const;
export const LOCALES = ['en', 'hi', 'ar', 'fr', 'es'] as const;

export const widgetConfigSchema = z
  .object({
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    logo: z.string().nullable(),
    theme: z
      .object({
        hash: z.string(),
        stylesheet: z
          .string()
          .meta({ description: 'Content-hashed, immutable URL of the theme CSS.' }),
        mode: z.enum(['light', 'dark', 'auto']),
        font: z
          .object({ family: z.string(), source: z.string() })
          .nullable()
          .meta({ description: 'Register with the FontFace API; never in the stylesheet.' }),
        source: z.enum(['published', 'default']).meta({
          description:
            "`published`: the tenant's current version; `default`: the kit's own theme, served until the tenant publishes one.",
        }),
      })
      .nullable()
      .meta({ description: 'The theme to adopt (the kit’s default until the first publish).' }),
    locales: z.array(z.enum(LOCALES)),
    defaultLocale: z.enum(LOCALES),
    widgets: z.array(z.enum(WIDGETS)),
  })
  .meta({ id: 'WidgetConfig' });

export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
