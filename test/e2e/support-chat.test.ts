// The support chat on the demo bank's page, in real Chromium, against the real edge — on Node
// (`npm start`) and on the Worker in local workerd (`npm run dev:worker`): the customer opens
// the launcher, sees a knowledge-base suggestion while typing, sends with Enter, and the bank's
// agent answers through the agent API (on Node through the demo's agent console page); the
// answer arrives live, Escape closes the panel and focus returns to the launcher. No console
// error, no failed request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright';
import {
  type Edge,
  ensureWidgetsBuilt,
  launchChromium,
  type OpenedPage,
  openPage,
  startEdge,
  startWorkerDemo,
} from './fixtures/harness.js';

const RUNTIMES = {
  node: () => startEdge(),
  workerd: () => startWorkerDemo(),
} as const;

let browser: Browser;
before(async () => {
  await ensureWidgetsBuilt();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The chat shows a message by `author` (Playwright's CSS reaches into shadow roots). */
const messageShown = (opened: OpenedPage, author: string) =>
  opened.page
    .locator(`gw-support-chat [part~="message-${author}"]`)
    .first()
    .waitFor({ timeout: 15_000 });

/** The `part` of the focused element, however deep in shadow roots it sits. */
const focusedPart = (opened: OpenedPage) =>
  opened.page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('part') ?? null;
  });

async function focusIs(opened: OpenedPage, part: string, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await focusedPart(opened)) === part) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what}: focus is on ${await focusedPart(opened)}`);
}

async function agentReply(edge: Edge, text: string): Promise<void> {
  const list = (await (
    await fetch(`${edge.url}/v1/agent/conversations?status=open`, {
      headers: { authorization: `Bearer ${edge.secretKey}` },
    })
  ).json()) as { items: { id: string }[] };
  assert.equal(list.items.length, 1, 'the customer’s conversation is open');
  const res = await fetch(`${edge.url}/v1/agent/conversations/${list.items[0]?.id}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${edge.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'agent-reply-0001', text, agentName: 'Asha' }),
  });
  assert.equal(res.status, 201, await res.text());
}

for (const [runtime, start] of Object.entries(RUNTIMES)) {
  describe(`the demo page's chat on ${runtime}`, () => {
    let edge: Edge;
    before(async () => {
      edge = await start();
    });
    after(async () => {
      await edge?.close();
    });

    test('a customer asks, sees a suggestion, sends with Enter; the agent answers live', async () => {
      const opened = await openPage(browser, `${edge.url}/demo`);
      const { page } = opened;
      try {
        const launcher = page.locator('gw-support-chat [part~="launcher"]');
        await launcher.click();
        const input = page.locator('gw-support-chat [part~="composer-input"]');
        await focusIs(opened, 'composer-input', 'the composer has focus in the open panel');
        // The knowledge base answers while the customer types.
        await input.pressSequentially('international transf', { delay: 20 });
        await page
          .locator('gw-support-chat [part~="suggestion"]')
          .filter({ hasText: 'Sending an international transfer' })
          .first()
          .waitFor();
        await input.press('Shift+Enter');
        await input.pressSequentially('How long does it take?');
        await input.press('Enter');
        await messageShown(opened, 'customer');
        // Sent: its echo, with a sequence number, came back.
        await page.locator('gw-support-chat [part~="delivery-sent"]').first().waitFor();
        const sent = await page
          .locator('gw-support-chat [part~="message-customer"] [part~="message-text"]')
          .first()
          .textContent();
        assert.equal(sent, 'international transf\nHow long does it take?');

        if (runtime === 'node') {
          // The bank's agent, in the demo's agent console: opens the conversation, answers.
          const console = await openPage(browser, `${edge.url}/demo/agent`);
          try {
            await console.page.locator('#conversations button').first().click();
            await console.page
              .locator('#messages li')
              .filter({ hasText: 'How long does it take?' })
              .waitFor();
            await console.page.locator('#text').fill('Same business day before 15:00 IST.');
            await console.page.locator('#reply button[type="submit"]').click();
            await console.page
              .locator('#messages li[data-author="agent"]')
              .waitFor({ timeout: 10_000 });
            assert.deepEqual(console.problems, []);
          } finally {
            await console.close();
          }
        } else {
          await agentReply(edge, 'Same business day before 15:00 IST.');
        }
        await messageShown(opened, 'agent');
        const answer = await page
          .locator('gw-support-chat [part~="message-agent"] [part~="message-text"]')
          .first()
          .textContent();
        assert.equal(answer, 'Same business day before 15:00 IST.');

        // Escape closes the panel; focus goes back to the launcher.
        await input.press('Escape');
        await focusIs(opened, 'launcher', 'focus is back on the launcher');
        assert.deepEqual(opened.problems, [], 'no console error, no failed request');
        const { violations } = await opened.probe();
        assert.deepEqual(violations, []);
      } finally {
        await opened.close();
      }
    });
  });
}
