/** AML screening: name matching, screening a subject against a tenant's list, list uploads. */
export {
  type Evaluation,
  evaluate,
  type LabelledPair,
  PairsFileError,
  parseLabelledPairs,
} from './evaluate.js';
export {
  ListUploadError,
  MAX_LIST_ENTRIES,
  MAX_NAME_LENGTH,
  parseListCsv,
  parseListJson,
  screeningEntrySchema,
} from './lists.js';
export { DEFAULT_THRESHOLD, type PreparedName, prepareName, scoreNames } from './match.js';
export { type NormalisedName, normalisedText, normaliseName } from './normalise.js';
export {
  adjustment,
  indexEntries,
  type ScreeningEntry,
  type ScreeningHit,
  type ScreeningIndex,
  type ScreeningSubject,
  screen,
} from './screen.js';
