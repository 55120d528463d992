/**
 * The brand playground: a tenant's brand (the toolbar's tenant) in editable controls, run
 * through the real theme engine on every change, re-theming both widgets at once. What the
 * designer changes is kept in the story's args, so the URL shares it too.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { useArgs } from 'storybook/preview-api';
import { PAIRS } from '../themes/index.js';
import { directionOf } from '../widgets/core/localize.js';
import '../widgets/pricing-calculator/pricing-calculator.js';
import '../widgets/provider/provider.js';
import '../widgets/service-catalog/service-catalog.js';
import {
  BRAND_MODES,
  type BrandForm,
  type BrandFormField,
  DENSITIES,
  GENERIC_FAMILIES,
} from './playground/brand-form.js';
import './playground/brand-playground.js';
import { storyGlobals } from './support/globals.js';
import { gw } from './support/parameters.js';
import { publishableKeyOf, tenant } from './support/tenants.js';

interface Args {
  primary?: string;
  accent?: string;
  neutral?: string;
  fontFamily?: string;
  genericFamily?: string;
  baseSize?: number;
  scale?: number;
  radius?: number;
  density?: string;
  mode?: string;
}

const NUMERIC = new Set<BrandFormField>(['baseSize', 'scale', 'radius']);

/** Args as the form's text; unset args are left to the tenant's brand. */
function formValues(args: Args): Partial<BrandForm> {
  return Object.fromEntries(
    Object.entries(args)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

// The args (and so the URL) follow the form once the designer pauses: each args update makes
// Storybook render the story again and the a11y addon run axe again, which should not happen
// on every keystroke or drag of a colour picker.
const SYNC_ARGS_AFTER_MS = 400;
let syncTimer: ReturnType<typeof setTimeout> | undefined;

/** The form as args: only values the URL can carry (numbers that are numbers). */
function argsOf(form: BrandForm): Args {
  const args: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(form) as [BrandFormField, string][]) {
    if (!NUMERIC.has(key)) args[key] = value;
    else if (value.trim() !== '' && Number.isFinite(Number(value))) args[key] = Number(value);
  }
  return args as Args;
}

const meta: Meta<Args> = {
  title: 'Themes/Brand playground',
  tags: ['!autodocs'],
  argTypes: {
    primary: { control: 'color', description: 'Primary colour' },
    accent: { control: 'color', description: 'Accent colour (derived from primary if empty)' },
    neutral: { control: 'color', description: 'Neutral colour (derived from primary if empty)' },
    fontFamily: { control: 'text' },
    genericFamily: { control: 'select', options: GENERIC_FAMILIES },
    baseSize: { control: { type: 'range', min: 14, max: 20, step: 1 } },
    scale: { control: { type: 'number', min: 1.067, max: 1.618, step: 0.001 } },
    radius: { control: { type: 'range', min: 0, max: 24, step: 1 } },
    density: { control: 'inline-radio', options: DENSITIES },
    mode: { control: 'inline-radio', options: BRAND_MODES },
  },
  parameters: {
    layout: 'fullscreen',
    ...gw({
      provider: false,
      themed: 'playground',
      shows: {
        'gw-brand-playground': {
          '[part~="controls"] input#primary': true,
          '[part~="contrast"] tbody tr': PAIRS.length * 2,
          '[part~="warnings"] li': true,
        },
        'gw-service-catalog': { '[part~="card"]': true },
        'gw-pricing-calculator': { '[part~="total-amount"]': true },
      },
    }),
  },
  render: function Render(args, { globals }) {
    const [, updateArgs] = useArgs<Args>();
    const g = storyGlobals(globals);
    const { brand } = tenant(g.tenant);
    const onInput = (e: CustomEvent<{ form: BrandForm }>) => {
      clearTimeout(syncTimer);
      syncTimer = setTimeout(() => updateArgs(argsOf(e.detail.form)), SYNC_ARGS_AFTER_MS);
    };
    return html`<gw-brand-playground
      .base=${brand}
      .values=${formValues(args)}
      dir=${g.dir ?? directionOf(g.locale)}
      lang=${g.locale}
      @gw-brand-input=${onInput}
    >
      <gw-provider publishable-key=${publishableKeyOf(g.tenant)} locale=${g.locale} dir=${g.dir ?? directionOf(g.locale)}>
        <gw-service-catalog></gw-service-catalog>
        <gw-pricing-calculator></gw-pricing-calculator>
      </gw-provider>
    </gw-brand-playground>`;
  },
};
export default meta;

export const BrandPlayground: StoryObj<Args> = { name: 'Brand playground' };

/** The case the engine exists for: a pastel yellow that cannot carry white text. */
export const PastelPrimary: StoryObj<Args> = {
  name: 'A pastel primary, repaired for contrast',
  args: { primary: '#ffd400' },
};
