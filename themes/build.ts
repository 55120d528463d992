/**
 * build(tokens): Style Dictionary, in process, turns a derived token tree into the theme's
 * outputs — CSS custom properties for shadow roots and documents, the DTCG JSON export and a
 * TypeScript declaration of the token names — deterministic and content-hashed.
 */
import StyleDictionary from 'style-dictionary';
import type {
  Config,
  DesignTokens,
  FormatFnArguments,
  TransformedToken,
} from 'style-dictionary/types';
import { formattedVariables } from 'style-dictionary/utils';
import type { Brand } from './brand-schema.js';
import { EXTENSION, type Mode, type TokenTree } from './derive.js';

export interface ThemeOutputs {
  /** The stylesheet: custom-property declarations only, first line names the hash. */
  css: string;
  /** The DTCG token tree as JSON. */
  tokensJson: string;
  /** A TypeScript declaration of every custom property name. */
  dts: string;
  /** First 16 hex digits of the SHA-256 of the CSS body. */
  hash: string;
}

const DECLARATIONS = 'gw/declarations';
const NAME = 'gw/name';
const TRANSFORMS = [NAME, 'shadow/css/shorthand', 'cubicBezier/css'];

// The alternate mode's sys colours ride in the same Style Dictionary run under this root, so
// references, transforms and formatting happen once per theme; the format renames them back.
const ALT_ROOT = 'gw-alt';

/** The tree for Style Dictionary: the base mode's values, plus the other mode's sys colours. */
function sdTree(tokens: TokenTree, base: Mode): TokenTree {
  const gw = tokens.gw as {
    sys: { color: Record<string, { $value: string; $extensions: never }> };
  };
  const pick = (mode: Mode) =>
    Object.fromEntries(
      Object.entries(gw.sys.color).map(([role, token]) => {
        const dark = (token.$extensions as Record<string, { dark: string }>)[EXTENSION]?.dark;
        return [role, { $type: 'color', $value: mode === 'dark' && dark ? dark : token.$value }];
      }),
    );
  return {
    gw: { ...gw, sys: { ...gw.sys, color: pick(base) } },
    [ALT_ROOT]: { sys: { color: pick(base === 'dark' ? 'light' : 'dark') } },
  };
}

const memo = Symbol('memo');

/**
 * Style Dictionary 4 rebuilds its `hooks` and `options` by deep-merging every built-in hook on
 * each read, which was a third of a theme's build time. Nothing here registers hooks after
 * construction, so each merged object is kept until the next assignment replaces it.
 */
class ThemeDictionary extends StyleDictionary {
  declare [memo]?: { hooks?: StyleDictionary['hooks']; options?: StyleDictionary['options'] };

  override get hooks() {
    this[memo] ??= {};
    this[memo].hooks ??= super.hooks;
    return this[memo].hooks;
  }
  override set hooks(value) {
    this[memo] = {};
    super.hooks = value;
  }
  override get options() {
    this[memo] ??= {};
    this[memo].options ??= super.options;
    return this[memo].options;
  }
  override set options(value) {
    this[memo] = {};
    super.options = value;
  }
}

interface Declarations {
  base: string;
  alternate: string;
  names: string[];
}

/** Runs Style Dictionary once; returns the declaration lines of both blocks and the names. */
async function declarations(tree: TokenTree): Promise<Declarations> {
  let result: Declarations | undefined;
  const config: Config = {
    tokens: tree as DesignTokens,
    log: { warnings: 'error', verbosity: 'silent', errors: { brokenReferences: 'throw' } },
    hooks: {
      transforms: {
        // Token paths come from our own files and generators, already lowercase kebab.
        [NAME]: { type: 'name', transform: (token) => token.path.join('-') },
      },
      formats: {
        [DECLARATIONS]: ({ dictionary }: FormatFnArguments) => {
          const lines = (allTokens: TransformedToken[]) =>
            formattedVariables({
              format: 'css',
              dictionary: { ...dictionary, allTokens },
              outputReferences: true,
              usesDtcg: true,
              formatting: { indentation: '  ' },
            });
          const base = dictionary.allTokens.filter((t) => t.path[0] !== ALT_ROOT);
          const alternate = dictionary.allTokens
            .filter((t) => t.path[0] === ALT_ROOT)
            .map((t) => ({ ...t, name: t.name.replace(`${ALT_ROOT}-`, 'gw-') }));
          result = {
            base: lines(base),
            alternate: lines(alternate),
            names: base.map((token) => `--${token.name}`),
          };
          return '';
        },
      },
    },
    platforms: {
      css: { transforms: TRANSFORMS, files: [{ destination: 'theme.css', format: DECLARATIONS }] },
    },
  };
  const sd = new ThemeDictionary(config, { init: false });
  await sd.init({ verbosity: 'silent' });
  await sd.formatPlatform('css');
  if (!result) throw new Error('Style Dictionary did not run the theme format');
  return result;
}

function block(selectors: string[], lines: string, indent = ''): string {
  const body = lines
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
  return `${indent}${selectors.join(`,\n${indent}`)} {\n${body}\n${indent}}\n`;
}

/** Builds the outputs for a derived tree. `brand` supplies the slug and default mode. */
export async function build(
  tokens: TokenTree,
  brand: Pick<Brand, 'slug' | 'mode'>,
): Promise<ThemeOutputs> {
  const base: Mode = brand.mode === 'dark' ? 'dark' : 'light';
  const other: Mode = base === 'dark' ? 'light' : 'dark';
  const { base: baseLines, alternate, names } = await declarations(sdTree(tokens, base));
  const doc = `[data-gw-theme="${brand.slug}"]`;
  const forced = (mode: Mode) => [
    `:host([data-gw-mode="${mode}"])`,
    `${doc}[data-gw-mode="${mode}"]`,
  ];
  let body = block([':host', doc], baseLines) + block(forced(other), alternate);
  if (brand.mode === 'auto') {
    const auto = [':host(:not([data-gw-mode="light"]))', `${doc}:not([data-gw-mode="light"])`];
    body += `@media (prefers-color-scheme: dark) {\n${block(auto, alternate, '  ')}}\n`;
  }
  const hash = await sha256Hex(body);
  const css = `/* GridWorks Embed theme "${brand.slug}" ${hash}; generated, do not edit */\n${body}`;
  const dts =
    `/* GridWorks Embed theme "${brand.slug}" ${hash}; generated, do not edit */\n` +
    `/** Every CSS custom property this theme defines. */\nexport type GwTokenName =\n` +
    `${names.map((name) => `  | '${name}'`).join('\n')};\n`;
  return { css, tokensJson: `${JSON.stringify(tokens, null, 2)}\n`, dts, hash };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 8)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}
