// The embed loader sends the theme and config reads with the widget's scripts; its page context
// must hand those answers to the edge client rather than ask the edge a second time, and send a
// read again only when the early one failed.
import { expect } from '@open-wc/testing';
import { widgetConfig } from '../../edge/demo/answers.js';
import { createPageContext } from '../../widgets/embed-context.js';

const realFetch = globalThis.fetch;
const API = 'https://widgets.bank.example';
const KEY = 'pk_test_early';
const THEME = `${API}/v1/themes/current.css?pk=${KEY}`;
const CONFIG = `${API}/v1/config?pk=${KEY}`;

const configBody = () =>
  JSON.stringify(
    widgetConfig(
      { id: 'ten_test', slug: 'gridworks', name: 'Test Bank' },
      {
        hash: '0000000000000000',
        stylesheet: '/v1/themes/current.css',
        mode: 'auto',
        font: null,
        source: 'published',
      },
    ),
  );
const answers = (): Record<string, () => Response> => ({
  [THEME]: () => new Response(':host { --gw-sys-color-primary: #123456; }'),
  [CONFIG]: () => new Response(configBody(), { headers: { 'content-type': 'application/json' } }),
});

/** The page's fetch, recording what is sent to the edge after the early reads. */
function stubFetch(): string[] {
  const sent: string[] = [];
  const table = answers();
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    sent.push(url);
    const answer = table[url];
    return answer ? answer() : new Response('', { status: 404 });
  }) as typeof fetch;
  return sent;
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the page context with the loader’s early reads', () => {
  it('adopts the theme from the early answers without asking the edge again', async () => {
    const sent = stubFetch();
    const table = answers();
    const early = new Map([
      [THEME, Promise.resolve(table[THEME]?.() as Response)],
      [CONFIG, Promise.resolve(table[CONFIG]?.() as Response)],
    ]);
    const context = createPageContext({ api: API, publishableKey: KEY, early });
    const sheet = await context.client.theme();
    expect(sheet?.cssRules.length, 'the early stylesheet').to.be.greaterThan(0);
    expect(sent, 'nothing sent again').to.deep.equal([]);
    expect(early.size, 'each early answer used once').to.equal(0);
  });

  it('sends a read again when its early request failed', async () => {
    const sent = stubFetch();
    const table = answers();
    const early = new Map([
      [THEME, Promise.reject(new TypeError('network'))],
      [CONFIG, Promise.resolve(table[CONFIG]?.() as Response)],
    ]);
    const context = createPageContext({ api: API, publishableKey: KEY, early });
    const sheet = await context.client.theme();
    expect(sheet?.cssRules.length).to.be.greaterThan(0);
    expect(sent).to.deep.equal([THEME]);
  });
});
