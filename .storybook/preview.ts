/**
 * Every story: inside a `<gw-provider>` set from the toolbar (tenant, mode, locale,
 * direction), talking to the mock edge (MSW), checked by axe with violations as errors, and
 * documented from the Custom Elements Manifest (`npm run cem`).
 */
import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../custom-elements.json' with { type: 'json' };
import { globalTypes, initialGlobals, withProvider } from '../stories/support/globals.js';
import { edgeHandlers } from '../stories/support/mock-edge.js';

/**
 * The manifest as Storybook's API table reads it: the table keys rows by name across
 * categories, so parts are named as a stylesheet uses them (`::part(region)`, which would
 * otherwise replace the `region` attribute's row), and the unnamed slot is "(default)".
 */
function forDocsTable(cem: typeof manifest): typeof manifest {
  const copy = structuredClone(cem);
  for (const mod of copy.modules) {
    for (const declaration of (mod.declarations ?? []) as {
      cssParts?: { name: string }[];
      slots?: { name: string }[];
    }[]) {
      for (const part of declaration.cssParts ?? []) part.name = `::part(${part.name})`;
      for (const slot of declaration.slots ?? []) slot.name ||= '(default)';
    }
  }
  return copy;
}

setCustomElementsManifest(forDocsTable(manifest));

/** MSW in the browser; a request to the edge that no handler answers is an error. */
async function startMockEdge() {
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.startsWith('/v1/')) print.error();
    },
  });
  return worker;
}

const preview: Preview = {
  globalTypes,
  initialGlobals,
  decorators: [withProvider],
  loaders: [mswLoader(startMockEdge)],
  parameters: {
    msw: { handlers: edgeHandlers() },
    a11y: { test: 'error' },
    controls: { expanded: true },
    layout: 'padded',
    options: {
      storySort: {
        order: ['Widgets', ['Service catalog', 'Pricing calculator', 'Provider'], 'Themes'],
      },
    },
  },
  tags: ['autodocs'],
};

export default preview;
