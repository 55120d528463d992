import type { Language } from '../core/localize.js';

/** The plural form of `count` in `lang`, from the forms a table provides ("other" required). */
export const plural = (
  lang: Language,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
) => forms[new Intl.PluralRules(lang).select(count)] ?? forms.other;
