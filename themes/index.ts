/**
 * The theming engine's public API: pure, no DOM, no HTTP, and from the other parts only the
 * shared primitives (`contracts/primitives.ts`, for the one slug rule).
 */
export {
  type Brand,
  type BrandError,
  type BrandInput,
  type BrandParseResult,
  brandSchema,
  parseBrand,
} from './brand-schema.js';
export { build, type ThemeOutputs } from './build.js';
export { type CompiledTheme, compileTheme, type ThemeReport } from './compile.js';
export {
  type AdjustmentWarning,
  type ContrastPair,
  type ContrastResult,
  type Derived,
  derive,
  MODES,
  type Mode,
  PAIRS,
  REQUIRED_RATIO,
} from './derive.js';
