/**
 * The one place a locale is decided. Host pages hand the kit whatever they have: no `lang`
 * (`""`), `en_US`, ` EN-us `, `xx-!!`. Every widget, the provider and the embed loader go
 * through `resolveLocale`, which never throws: a usable tag is canonicalised through
 * `Intl.getCanonicalLocales`; anything else falls back to the nearest language the kit speaks,
 * else English. Kept apart from localize.ts because the embed loader needs only this.
 */
import type { Direction } from './context.js';

/** The languages the kit has strings for (English is the fallback). */
export const LANGUAGES = ['en', 'hi', 'ar', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LOCALE = 'en';

const RTL = new Set(['ar', 'he', 'fa', 'ur']);
const resolved = new Map<string, string>();

const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

function resolve(raw: string): string {
  const tag = raw.trim().replaceAll('_', '-');
  let canonical: string | undefined;
  try {
    canonical = tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    // Malformed: only its leading language subtag can still say something.
  }
  // Text, numbers and the `lang` screen readers use must agree: a tag whose language the kit
  // does not speak resolves to English as a whole.
  if (canonical && isLanguage(canonical.split('-')[0])) return canonical;
  const language = /^[A-Za-z]{2,3}(?![A-Za-z])/.exec(tag)?.[0]?.toLowerCase();
  return isLanguage(language) ? language : FALLBACK_LOCALE;
}

/**
 * A canonical BCP 47 tag in a language the kit speaks, from any value (`undefined`, `""`,
 * `en_US`, `fr-CA`, `xx-!!`); never throws. `en_US` → `en-US`, `fr_CA!!` → `fr`, `de-DE` → `en`.
 */
export function resolveLocale(raw: unknown): string {
  if (typeof raw !== 'string') return FALLBACK_LOCALE;
  let locale = resolved.get(raw);
  if (locale === undefined) {
    locale = resolve(raw);
    if (resolved.size < 100) resolved.set(raw, locale);
  }
  return locale;
}

/** The first locale that is set (non-empty), resolved: an element's own, its context's, the page's. */
export function firstLocale(...candidates: (string | null | undefined)[]): string {
  return resolveLocale(candidates.find((c) => typeof c === 'string' && c.trim() !== '') ?? '');
}

/** Text direction of a locale (resolved first, so it never throws either). */
export function directionOf(locale: string): Direction {
  return RTL.has(resolveLocale(locale).split('-')[0] ?? '') ? 'rtl' : 'ltr';
}
