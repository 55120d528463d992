/**
 * What a story promises a designer, as data the story test checks: which parts each widget
 * shows once the story has rendered. `true`: at least one; a number: exactly that many; a
 * string: the first match contains that English text (checked in English only).
 */
export type Shows = Record<string, Record<string, true | number | string>>;

export interface GwParameters {
  /** false: the story renders its own `<gw-provider>` (the provider's own stories). */
  provider?: boolean;
  shows: Shows;
  /** Edge paths the story makes fail on purpose (the browser logs their status). */
  failing?: string[];
  /** false: the tenant has no theme, the widgets use their built-in fallbacks. */
  themed?: boolean;
}

/** `parameters.gw`, typed. */
export const gw = (parameters: GwParameters) => ({ gw: parameters });
