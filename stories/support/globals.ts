/**
 * The toolbar: tenant, mode, locale and direction, kept by Storybook in the URL
 * (`&globals=tenant:sunbeam;mode:dark;locale:ar`), so a shared link opens exactly what its
 * sender saw. Every story renders inside a `<gw-provider>` set from them.
 */
import type { Decorator } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Mode } from '../../widgets/core/context.js';
import { LANGUAGES, type Language } from '../../widgets/core/localize.js';
import '../../widgets/provider/provider.js';
import { DEFAULT_TENANT, fakeWidgetToken, publishableKeyOf, TENANTS, tenant } from './tenants.js';

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  hi: 'हिन्दी',
  ar: 'العربية',
  fr: 'Français',
  es: 'Español',
};

export const globalTypes = {
  tenant: {
    description: 'Tenant theme: a preset or the demo bank',
    toolbar: {
      title: 'Tenant',
      icon: 'paintbrush',
      items: TENANTS.map((t) => ({ value: t.slug, title: t.name })),
      dynamicTitle: true,
    },
  },
  mode: {
    description: 'Colour mode',
    toolbar: {
      title: 'Mode',
      icon: 'contrast',
      items: [
        { value: 'light', title: 'Light' },
        { value: 'dark', title: 'Dark' },
        { value: 'auto', title: 'Auto (system)' },
      ],
      dynamicTitle: true,
    },
  },
  locale: {
    description: 'Locale',
    toolbar: {
      title: 'Locale',
      icon: 'globe',
      items: LANGUAGES.map((value) => ({ value, right: value, title: LANGUAGE_NAMES[value] })),
      dynamicTitle: true,
    },
  },
  dir: {
    description: 'Text direction',
    toolbar: {
      title: 'Direction',
      icon: 'transfer',
      items: [
        { value: 'locale', title: 'Direction of the locale' },
        { value: 'ltr', title: 'Left to right' },
        { value: 'rtl', title: 'Right to left' },
      ],
      dynamicTitle: true,
    },
  },
};

export const initialGlobals = {
  tenant: DEFAULT_TENANT,
  mode: 'light',
  locale: 'en',
  dir: 'locale',
};

export interface StoryGlobals {
  tenant: string;
  mode: Mode;
  locale: Language;
  /** Undefined: the locale's own direction. */
  dir: 'ltr' | 'rtl' | undefined;
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** The toolbar's values, checked: a hand-edited URL falls back to the defaults. */
export function storyGlobals(globals: Record<string, unknown>): StoryGlobals {
  const dir = oneOf(globals.dir, ['locale', 'ltr', 'rtl'] as const, 'locale');
  return {
    tenant: tenant(String(globals.tenant ?? DEFAULT_TENANT)).slug,
    mode: oneOf(globals.mode, ['light', 'dark', 'auto'] as const, 'light'),
    locale: oneOf(globals.locale, LANGUAGES, 'en'),
    dir: dir === 'locale' ? undefined : dir,
  };
}

/**
 * `<gw-provider>` for the toolbar's tenant, mode, locale and direction around `content`, wired
 * as the README tells a bank: the publishable key for reads and, unless `tokens` is false, a
 * widget token from the bank's backend for writes (without it the calculator cannot request).
 */
export function provider(
  g: StoryGlobals,
  content: unknown,
  options: { tokens?: boolean } = {},
): TemplateResult {
  const fetchToken =
    options.tokens === false ? undefined : () => Promise.resolve(fakeWidgetToken(g.tenant));
  return html`<gw-provider
    publishable-key=${publishableKeyOf(g.tenant)}
    .fetchToken=${fetchToken}
    locale=${g.locale}
    mode=${g.mode}
    dir=${ifDefined(g.dir)}
    >${content}</gw-provider
  >`;
}

/**
 * Wraps every story in the toolbar's provider, unless the story renders its own
 * (`parameters.gw.provider: false`, as the provider's stories do).
 */
export const withProvider: Decorator = (story, context) => {
  const own = (context.parameters.gw as { provider?: boolean } | undefined)?.provider === false;
  return own ? story() : provider(storyGlobals(context.globals), story());
};
