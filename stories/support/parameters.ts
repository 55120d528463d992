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
  /**
   * Whose theme the widgets wear: the toolbar tenant's (the default), none (`false`: the
   * built-in fallbacks), the kit's own default theme (`kit-default`: a tenant that has not
   * published, whatever the toolbar says), or the brand playground's (checked by its own test).
   */
  themed?: false | 'kit-default' | 'playground';
}

/** `parameters.gw`, typed. */
export const gw = (parameters: GwParameters) => ({ gw: parameters });
