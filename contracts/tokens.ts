/** Widget-token minting: what a bank's backend sends and gets back. Imports only zod. */
import { z } from 'zod';

/** What a widget token may allow; a token carries a subset. */
export const WIDGET_SCOPES = [
  'config:read',
  'catalog:read',
  'pricing:read',
  'quotes:write',
  'onboarding:write',
  'chat:write',
] as const;
export type WidgetScope = (typeof WIDGET_SCOPES)[number];

export const widgetScopeSchema = z.enum(WIDGET_SCOPES);

export const mintTokenSchema = z
  .strictObject({
    customer: z
      .string()
      .regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'an opaque customer reference of 1–128 safe characters')
      // The edge's own subjects: anonymous visitors' tokens and chats (contracts/chat-rules.ts).
      .refine(
        (ref) => !/^(?:anon_|visitor:)/.test(ref),
        'a customer reference not starting with "anon_" or "visitor:" (the edge uses those)',
      )
      .optional()
      .meta({
        description: "The bank's reference for its customer (becomes `sub`); not PII, please.",
      }),
    scopes: z.array(widgetScopeSchema).min(1).max(6),
    origin: z.string().max(300).meta({ description: 'One of the tenant’s allowed origins.' }),
    ttlSeconds: z.number().int().min(60).max(3600).default(600),
  })
  .meta({ id: 'MintToken' });

export const mintedTokenSchema = z
  .object({
    token: z.string(),
    expiresAt: z.number().int().meta({ description: 'Unix time in seconds.' }),
    jti: z.string(),
  })
  .meta({ id: 'MintedToken' });
