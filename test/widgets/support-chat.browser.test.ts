// <gw-support-chat> in real Chromium against a fake edge (fetch) and a fake chat server behind
// a fake WebSocket constructor: the launcher alone until first use (the panel module loads
// then), the panel in the top layer above a max-z-index banner, focus in and back, Escape;
// Enter sends and Shift+Enter breaks the line; delivery states, Retry, the offline queue, replay
// without duplicates, the unread badge (also after a reload), the pre-chat form, suggestions
// and escalation, the hours, the live region; axe-core in every state, preset, mode and
// direction.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SupportStatus } from '../../contracts/chat.js';
import { ApiClient } from '../../widgets/core/api-client.js';
import '../../widgets/support-chat/support-chat.js';
import { storageKeyOf } from '../../widgets/support-chat/connection.js';
import type {
  GwMessageReceivedEvent,
  GwMessageSentEvent,
} from '../../widgets/support-chat/events.js';
import { CHAT_STRINGS_EN as EN } from '../../widgets/support-chat/locales.js';
import { type ChatView, staticSession } from '../../widgets/support-chat/session.js';
import type { GwSupportChat } from '../../widgets/support-chat/support-chat.component.js';
import {
  agentMessage,
  conversation,
  FakeChatServer,
  FakeSocket,
  socketsServedBy,
  tokenWith,
} from './chat-fakes.js';
import {
  type FakeEdge,
  fakeEdge,
  json,
  mount,
  PRESETS,
  type Preset,
  rgb,
  until,
} from './fixtures.js';

const TENANT = 'ten_test';
const CUSTOMER_TOKEN = tokenWith({ sub: 'cust_1', tid: TENANT });
// What the edge mints without a `customer`: an `anon_…` subject.
const ANONYMOUS_TOKEN = tokenWith({ sub: 'anon_3fZ8xQ2mL0pR7tVw9yBc', tid: TENANT });

const SUPPORT: SupportStatus = {
  tier: 'premium',
  hours: {
    timeZone: 'Asia/Kolkata',
    days: { mon: { open: '09:00', close: '17:00' }, tue: { open: '09:00', close: '17:00' } },
  },
  open: true,
  responseMinutes: 60,
  visitors: true,
};

const HITS = [
  {
    slug: 'blocked-card',
    title: 'Unblock your card',
    snippet: 'If your card is blocked…',
    url: 'https://bank.example/help/blocked-card',
  },
  { slug: 'limits', title: 'Card limits', snippet: 'Daily limits…', url: null },
];

function chatEdge(
  preset: Preset | null = 'gridworks',
  routes: Parameters<typeof fakeEdge>[1] = {},
  token = CUSTOMER_TOKEN,
): FakeEdge & { tokens: { count: number } } {
  const edge = fakeEdge(preset, {
    'POST /v1/chat/conversations': () => json({ conversation: conversation() }, 201),
    'GET /v1/chat/support': () => json(SUPPORT),
    'GET /v1/chat/articles/search': () => json({ hits: HITS }),
    'POST /v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/escalate': () =>
      json(
        {
          ticket: {
            id: 'tk_1',
            conversationId: 'cv_AAAAAAAAAAAAAAAAAAAAAA',
            priority: 'urgent',
            tier: 'premium',
            status: 'open',
            createdAt: 1_700_000_000_000,
            dueAt: 1_700_003_600_000,
          },
        },
        201,
      ),
    ...routes,
  });
  const tokens = { count: 0 };
  // A page that gives widget tokens (as `<gw-provider fetchToken>` does), naming a customer.
  edge.client = new ApiClient({
    baseUrl: location.origin,
    publishableKey: 'pk_test_fixture',
    fetchToken: async () => {
      tokens.count++;
      return token;
    },
    fetch: edge.fetch,
  });
  return Object.assign(edge, { tokens });
}

const mounted: HTMLElement[] = [];
async function chat(
  edge: FakeEdge,
  server: FakeChatServer | undefined = new FakeChatServer(),
  options: { locale?: string; mode?: 'light' | 'dark' } = {},
): Promise<GwSupportChat> {
  const { el, container } = await mount<GwSupportChat>(
    '<gw-support-chat></gw-support-chat>',
    edge,
    options,
  );
  mounted.push(container);
  if (server) el.connectionOptions = { WebSocket: socketsServedBy(server), random: () => 0 };
  return el;
}

beforeEach(() => {
  sessionStorage.clear();
  FakeSocket.reset();
});
afterEach(() => {
  for (const c of mounted.splice(0)) c.remove();
  for (const b of document.querySelectorAll('.banner')) b.remove();
  sessionStorage.clear();
});

const launcher = (el: GwSupportChat) =>
  el.shadowRoot?.querySelector('[part~="launcher"]') as HTMLButtonElement;
const panelRoot = (el: GwSupportChat) =>
  el.shadowRoot?.querySelector('gw-support-chat-panel')?.shadowRoot as ShadowRoot | undefined;
const $ = (el: GwSupportChat, selector: string) =>
  panelRoot(el)?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: GwSupportChat, selector: string) => [
  ...(panelRoot(el)?.querySelectorAll<HTMLElement>(selector) ?? []),
];
const composer = (el: GwSupportChat) => $(el, '#composer') as HTMLTextAreaElement;
const messageTexts = (el: GwSupportChat) =>
  $$(el, '[part~="message-text"]').map((m) => m.textContent);
const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

/** The element focus is on, through every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function openChat(el: GwSupportChat): Promise<void> {
  launcher(el).click();
  await until(() => Boolean($(el, '[part~="panel"]')?.matches(':popover-open')), 4000, 'the panel');
}

async function openConnected(el: GwSupportChat): Promise<void> {
  await openChat(el);
  await until(
    () => $(el, '[part~="connection"]')?.textContent?.includes(EN.connection.connected) ?? false,
    4000,
    'connected',
  );
}

async function typeInto(el: GwSupportChat, text: string): Promise<void> {
  const box = composer(el);
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await panelUpdated(el);
}

async function panelUpdated(el: GwSupportChat): Promise<void> {
  await el.updateComplete;
  await el.shadowRoot?.querySelector('gw-support-chat-panel')?.updateComplete;
}

it('is only a launcher until first used: the panel module loads on the first click', async () => {
  const el = await chat(chatEdge());
  const loaded = () =>
    performance
      .getEntriesByType('resource')
      .some((r) => r.name.includes('/widgets/support-chat/panel.'));
  expect(customElements.get('gw-support-chat-panel')).to.equal(undefined);
  expect(loaded()).to.equal(false);
  expect(launcher(el).getAttribute('aria-label')).to.equal('Chat with support');
  expect(launcher(el).getAttribute('aria-expanded')).to.equal('false');
  await openChat(el);
  expect(loaded()).to.equal(true);
  expect(customElements.get('gw-support-chat-panel')).to.exist;
});

it('opens as a labelled non-modal dialog, focus in the composer; Escape closes and returns focus', async () => {
  const el = await chat(chatEdge());
  const events: string[] = [];
  el.addEventListener('gw-chat-open', () => events.push('open'));
  el.addEventListener('gw-chat-close', () => events.push('close'));
  await openConnected(el);
  const panel = $(el, '[part~="panel"]') as HTMLElement;
  expect(panel.getAttribute('popover')).to.equal('manual');
  expect(panel.getAttribute('role')).to.equal('dialog');
  expect(panel.hasAttribute('aria-modal')).to.equal(false);
  const heading = panelRoot(el)?.getElementById(panel.getAttribute('aria-labelledby') ?? '');
  expect(heading?.textContent).to.equal(EN.heading);
  expect(launcher(el).getAttribute('aria-expanded')).to.equal('true');
  await until(() => deepActive() === composer(el), 2000, 'focus in the composer');
  await sendKeys({ press: 'Escape' });
  await until(() => !panel.matches(':popover-open'), 2000, 'closed');
  expect(deepActive()).to.equal(launcher(el));
  expect(el.open).to.equal(false);
  expect(events).to.deep.equal(['open', 'close']);
  // The close button too.
  await openChat(el);
  ($(el, '[part~="close-button"]') as HTMLButtonElement).click();
  await until(() => !panel.matches(':popover-open'), 2000, 'closed by its button');
  expect($(el, '[part~="close-button"]')?.getAttribute('aria-label')).to.equal(EN.close);
});

it('sits above a host banner with z-index 2147483647 (the top layer)', async () => {
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.textContent = 'Cookie banner';
  for (const [k, v] of Object.entries({
    position: 'fixed',
    inset: '0',
    zIndex: '2147483647',
    background: 'white',
  }))
    banner.style.setProperty(
      k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      v,
    );
  document.body.append(banner);
  const el = await chat(chatEdge());
  await openChat(el);
  const box = ($(el, '[part~="panel"]') as HTMLElement).getBoundingClientRect();
  expect(box.width).to.be.greaterThan(100);
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  expect(hit).to.equal(el, 'the panel, not the banner, is under the pointer');
  const inner = panelRoot(el)?.elementFromPoint(box.left + box.width / 2, box.top + 10);
  expect($(el, '[part~="panel"]')?.contains(inner ?? null)).to.equal(true);
});

it('Enter sends, Shift+Enter breaks the line; sending → sent, with gw-message-sent', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  const sent: GwMessageSentEvent['detail'][] = [];
  el.addEventListener('gw-message-sent', (e) => sent.push(e.detail));
  await openConnected(el);
  const send = $(el, '[part~="send-button"]') as HTMLButtonElement;
  expect(send.disabled, 'nothing to send yet').to.equal(true);
  composer(el).focus();
  await sendKeys({ type: 'Hello' });
  expect(send.disabled).to.equal(false);
  await sendKeys({ press: 'Shift+Enter' });
  await sendKeys({ type: 'World' });
  expect(server.messages).to.have.length(0);
  server.echo = false;
  await sendKeys({ press: 'Enter' });
  await panelUpdated(el);
  expect(composer(el).value).to.equal('');
  expect(FakeSocket.last.framesOf('send')[0]?.text).to.equal('Hello\nWorld');
  expect($(el, '[part~="delivery"]')?.textContent).to.equal(EN.delivery.sending);
  expect($(el, '[part~="delivery"]')?.getAttribute('part')).to.include('delivery-sending');
  // The edge stores it and echoes it with its seq.
  const frame = FakeSocket.last.framesOf('send')[0] as { clientId: string; text: string };
  FakeSocket.last.receive({
    type: 'message',
    message: {
      seq: 1,
      clientId: frame.clientId,
      author: 'customer',
      authorName: null,
      text: frame.text,
      at: 1_700_000_000_000,
    },
  });
  await panelUpdated(el);
  expect($(el, '[part~="delivery"]')?.textContent).to.equal(EN.delivery.sent);
  expect(messageTexts(el)).to.deep.equal(['Hello\nWorld']);
  expect(sent).to.deep.equal([{ clientId: frame.clientId, seq: 1 }]);
});

it('a refused message is marked failed; Retry sends it again', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  server.echo = false;
  await typeInto(el, 'Please help');
  ($(el, '[part~="send-button"]') as HTMLButtonElement).click();
  const id = String(FakeSocket.last.framesOf('send')[0]?.clientId);
  FakeSocket.last.receive({ type: 'error', code: 'invalid-message', detail: 'no', clientId: id });
  await panelUpdated(el);
  expect($(el, '[part~="delivery"]')?.textContent).to.equal(EN.delivery.failed);
  server.echo = true;
  ($(el, '[part~="retry-send-button"]') as HTMLButtonElement).click();
  await until(() => $(el, '[part~="delivery"]')?.textContent === EN.delivery.sent, 2000, 'sent');
  expect(FakeSocket.last.framesOf('send').map((f) => f.clientId)).to.deep.equal([id, id]);
});

it('offline: the state says so in words; messages queue and go in order when back', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  server.accepting = false;
  window.dispatchEvent(new Event('offline'));
  await panelUpdated(el);
  expect($(el, '[part~="connection"]')?.textContent?.trim()).to.equal(EN.connection.offline);
  for (const text of ['one', 'two', 'three']) {
    await typeInto(el, text);
    ($(el, '[part~="send-button"]') as HTMLButtonElement).click();
  }
  await panelUpdated(el);
  expect($$(el, '[part~="delivery"]').map((d) => d.textContent)).to.deep.equal([
    EN.delivery.queued,
    EN.delivery.queued,
    EN.delivery.queued,
  ]);
  server.accepting = true;
  window.dispatchEvent(new Event('online'));
  await until(
    () => $$(el, '[part~="delivery"]').every((d) => d.textContent === EN.delivery.sent),
    3000,
    'all sent',
  );
  expect(server.messages.map((m) => m.text)).to.deep.equal(['one', 'two', 'three']);
  expect(messageTexts(el)).to.deep.equal(['one', 'two', 'three']);
});

it('after a dropped socket: reconnecting, then the replay — nothing twice, order kept', async () => {
  const server = new FakeChatServer();
  server.agentSays('Hello, how can I help?');
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  server.agentSays('Are you still there?', FakeSocket.last);
  server.accepting = false;
  FakeSocket.last.drop(1006);
  await panelUpdated(el);
  expect($(el, '[part~="connection"]')?.textContent?.trim()).to.equal(EN.connection.reconnecting);
  server.agentSays('I will wait.');
  server.accepting = true;
  FakeSocket.last.open();
  await until(() => messageTexts(el).length === 3, 3000, 'the replay');
  expect(messageTexts(el)).to.deep.equal([
    'Hello, how can I help?',
    'Are you still there?',
    'I will wait.',
  ]);
  expect(FakeSocket.last.sent[0]).to.deep.equal({ type: 'hello', after: 2 });
});

it('unread: the badge counts support’s messages while closed (in its name too) and resets on open', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  await sendKeys({ press: 'Escape' });
  await el.updateComplete;
  server.agentSays('A reply', FakeSocket.last);
  server.agentSays('And another', FakeSocket.last);
  await el.updateComplete;
  expect(el.shadowRoot?.querySelector('[part~="badge"]')?.textContent).to.equal('2');
  expect(launcher(el).getAttribute('aria-label')).to.equal('Chat with support, 2 unread');
  expect(el.shadowRoot?.querySelector('[role="status"]')?.textContent).to.equal('2 unread');
  await openChat(el);
  await el.updateComplete;
  expect(el.shadowRoot?.querySelector('[part~="badge"]')).to.equal(null);
  expect(launcher(el).getAttribute('aria-label')).to.equal('Chat with support');
});

it('after a reload with a conversation under way: resumed in idle time, the badge counts unopened', async () => {
  const key = storageKeyOf(location.origin, TENANT);
  sessionStorage.setItem(
    key,
    JSON.stringify({
      conversationId: 'cv_AAAAAAAAAAAAAAAAAAAAAA',
      messages: [agentMessage(1, 'Earlier')],
      outbox: [],
      unread: 0,
    }),
  );
  const server = new FakeChatServer();
  server.messages.push(agentMessage(1, 'Earlier'), agentMessage(2, 'While you reloaded'));
  const edge = chatEdge('gridworks');
  const el = await chat(edge, server);
  await until(() => FakeSocket.instances.length > 0, 4000, 'a socket without opening the panel');
  expect(FakeSocket.last.sent[0]).to.deep.equal({ type: 'hello', after: 1 });
  await until(
    () => el.shadowRoot?.querySelector('[part~="badge"]')?.textContent === '1',
    3000,
    'badge 1',
  );
  expect(
    edge.requests.some((r) => r.method === 'POST' && r.path === '/v1/chat/conversations'),
  ).to.equal(false);
  expect(el.open).to.equal(false);
});

it('announces a new incoming message in the polite live region, not the history', async () => {
  const server = new FakeChatServer();
  server.agentSays('Old history');
  const el = await chat(chatEdge(), server);
  const received: GwMessageReceivedEvent['detail'][] = [];
  el.addEventListener('gw-message-received', (e) => received.push(e.detail));
  await openConnected(el);
  const announcer = $(el, '[aria-live="polite"]') as HTMLElement;
  expect(announcer.textContent).to.equal('');
  expect($(el, '[role="log"]')?.getAttribute('aria-label')).to.equal(EN.logLabel);
  server.agentSays('A new reply', FakeSocket.last);
  await panelUpdated(el);
  expect(announcer.textContent).to.equal('Priya: A new reply');
  expect(received.map((r) => r.message.text)).to.deep.equal(['A new reply']);
});

it('typing: support’s typing shows; the customer’s typing is sent at most every 3 s', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  FakeSocket.last.receive({ type: 'typing', author: 'agent' });
  await panelUpdated(el);
  expect($(el, '[part~="typing"]')?.textContent).to.equal(EN.typing);
  await typeInto(el, 'a');
  await typeInto(el, 'ab');
  expect(FakeSocket.last.framesOf('typing')).to.have.length(1);
});

it('day separators in the customer’s locale; a counter near the 4000-character limit', async () => {
  const server = new FakeChatServer();
  const day1 = Date.UTC(2026, 0, 5, 10);
  const day2 = Date.UTC(2026, 0, 6, 10);
  server.messages.push(agentMessage(1, 'Monday', day1), agentMessage(2, 'Tuesday', day2));
  const el = await chat(chatEdge(), server, { locale: 'fr' });
  await openConnected(el).catch(() => undefined);
  await until(() => $$(el, '[part~="day-separator"]').length === 2, 4000, 'separators');
  expect($$(el, '[part~="day-separator"]').map((d) => d.textContent)).to.deep.equal([
    new Intl.DateTimeFormat('fr', { dateStyle: 'full' }).format(day1),
    new Intl.DateTimeFormat('fr', { dateStyle: 'full' }).format(day2),
  ]);
  expect($(el, '[part~="counter"]')).to.equal(null);
  await typeInto(el, 'x'.repeat(3700));
  await until(() => Boolean($(el, '[part~="counter"]')), 2000, 'the counter');
  expect($(el, '[part~="counter"]')?.textContent).to.contain('300');
  expect(composer(el).maxLength).to.equal(4000);
});

it('a token naming no customer: the pre-chat form first, checked inline, then the chat', async () => {
  const server = new FakeChatServer();
  const edge = chatEdge('gridworks', {}, ANONYMOUS_TOKEN);
  const el = await chat(edge, server);
  await openChat(el);
  await until(() => Boolean($(el, '[part~="prechat"]')), 3000, 'the form');
  const name = $(el, '[name="name"]') as HTMLInputElement;
  const email = $(el, '[name="email"]') as HTMLInputElement;
  expect(name.autocomplete).to.equal('name');
  expect(email.autocomplete).to.equal('email');
  await until(() => deepActive() === name, 2000, 'focus on the first field');
  ($(el, '[part~="prechat"] [part~="button"]') as HTMLButtonElement).click();
  await until(() => $$(el, '[part~="field-error"]').length === 2, 2000, 'errors');
  expect(name.getAttribute('aria-invalid')).to.equal('true');
  expect(name.getAttribute('aria-describedby')).to.equal('prechat-name-error');
  expect($(el, '#prechat-name-error')?.textContent).to.equal(EN.errors.nameRequired);
  expect(deepActive()).to.equal(name);
  await expect(el).to.be.accessible();
  name.value = 'Asha Rao';
  name.dispatchEvent(new Event('input'));
  email.value = 'asha@example.com';
  email.dispatchEvent(new Event('input'));
  ($(el, '[part~="prechat"] [part~="button"]') as HTMLButtonElement).click();
  await until(() => Boolean($(el, '#composer')), 3000, 'the chat');
  const post = edge.requests.find(
    (r) => r.method === 'POST' && r.path === '/v1/chat/conversations',
  );
  expect(post?.body).to.deep.equal({ name: 'Asha Rao', email: 'asha@example.com' });
});

it('suggests articles as the customer types (debounced, 3+ characters); Talk to a person escalates', async () => {
  const server = new FakeChatServer();
  const edge = chatEdge();
  const el = await chat(edge, server);
  await openConnected(el);
  await typeInto(el, 'ca');
  await new Promise((r) => setTimeout(r, 400));
  expect(edge.requests.filter((r) => r.path === '/v1/chat/articles/search')).to.have.length(0);
  await typeInto(el, 'car');
  await typeInto(el, 'card');
  await typeInto(el, 'card blocked');
  await until(() => $$(el, '[part~="suggestion"]').length === 2, 2000, 'suggestions');
  expect(edge.requests.filter((r) => r.path === '/v1/chat/articles/search')).to.have.length(1);
  const link = $(el, '[part~="suggestion-link"]') as HTMLAnchorElement;
  expect(link.href).to.equal('https://bank.example/help/blocked-card');
  expect(link.target).to.equal('_blank');
  expect(link.rel).to.contain('noopener');
  expect(link.tabIndex).to.equal(0);
  await expect(el).to.be.accessible();
  ($(el, '[part~="escalate-button"]') as HTMLButtonElement).click();
  await until(() => Boolean($(el, '[part~="escalated"]')), 2000, 'escalated');
  const time = new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(1_700_003_600_000);
  expect($(el, '[part~="escalated"]')?.textContent).to.equal(EN.escalated(time));
  expect($(el, '[part~="escalate-button"]')).to.equal(null);
});

it('shows the response promise, and outside hours a notice with the hours', async () => {
  const el = await chat(
    chatEdge('gridworks', { 'GET /v1/chat/support': () => json({ ...SUPPORT, open: false }) }),
  );
  await openConnected(el);
  await until(() => Boolean($(el, '[part~="outside-hours"]')), 2000, 'the notice');
  expect($(el, '[part~="response-time"]')?.textContent?.trim()).to.equal(
    'We usually answer within 1 hour',
  );
  expect($(el, '[part~="outside-hours"]')?.textContent).to.contain(EN.outsideHours);
  expect($$(el, '[part~="hours"] li').map((li) => li.textContent)).to.deep.equal([
    'Monday: 09:00–17:00',
    'Tuesday: 09:00–17:00',
  ]);
  // Messages can still be left.
  expect(composer(el).disabled).to.equal(false);
});

it('a closed conversation says so and stops taking messages', async () => {
  const el = await chat(chatEdge());
  await openConnected(el);
  FakeSocket.last.receive({
    type: 'conversation',
    conversation: conversation({ status: 'closed' }),
  });
  await panelUpdated(el);
  expect($(el, '[part~="connection"]')?.textContent?.trim()).to.equal(EN.connection.closed);
  expect(composer(el).disabled).to.equal(true);
});

it('the edge’s closing system message is worded in the customer’s language, not shown as its code', async () => {
  const el = await chat(chatEdge());
  await openConnected(el);
  FakeSocket.last.receive({
    type: 'message',
    message: {
      seq: 1,
      clientId: 'sys_00000000000000000000',
      author: 'system',
      authorName: null,
      text: 'conversation-closed',
      at: 1_700_000_000_000,
    },
  });
  await panelUpdated(el);
  const text = $(el, '[part~="message-system"] [part~="message-text"]')?.textContent?.trim();
  expect(text).to.equal(EN.connection.closed);
  await expect(el).to.be.accessible();
});

it('a gap in the seqs asks for the replay again (hello from the last held), then shows it in order', async () => {
  const server = new FakeChatServer();
  const el = await chat(chatEdge(), server);
  await openConnected(el);
  const socket = FakeSocket.last;
  const first = server.agentSays('one', socket);
  server.agentSays('two'); // Lost on the way.
  const third = server.agentSays('three');
  socket.receive({ type: 'message', message: third });
  await panelUpdated(el);
  expect(socket.framesOf('hello').at(-1)).to.deep.equal({ type: 'hello', after: first.seq });
  await until(() => messageTexts(el).length === 3, 2000, 'the replay');
  expect(messageTexts(el)).to.deep.equal(['one', 'two', 'three']);
});

it('4401 from the edge: a fresh token from the page, and the chat reconnects with it', async () => {
  const server = new FakeChatServer();
  const edge = chatEdge();
  const el = await chat(edge, server);
  await openConnected(el);
  const before = edge.tokens.count;
  FakeSocket.last.drop(4401);
  await until(() => FakeSocket.instances.length === 2, 2000, 'a new socket');
  expect(edge.tokens.count).to.equal(before + 1);
  await until(
    () => $(el, '[part~="connection"]')?.textContent?.includes(EN.connection.connected) ?? false,
    2000,
    'connected again',
  );
});

it('fires gw-load once the chat has started, and not ok when the start fails', async () => {
  const seen: { ok: boolean; error?: string }[] = [];
  const listener = (e: Event) => seen.push((e as CustomEvent).detail);
  document.addEventListener('gw-load', listener);
  try {
    const el = await chat(chatEdge());
    await openConnected(el);
    await until(() => seen.some((d) => d.ok), 2000, 'gw-load ok');
    sessionStorage.clear(); // Another tab's page: no conversation to resume.
    const failing = await chat(
      chatEdge('gridworks', {
        'POST /v1/chat/conversations': () => json({ type: 'x/unavailable', status: 503 }, 503),
      }),
    );
    await openChat(failing);
    await until(() => seen.some((d) => !d.ok), 2000, 'gw-load not ok');
    expect(seen.find((d) => !d.ok)?.error).to.equal('unavailable');
    expect($(failing, '[part~="error-state"]')).to.exist;
  } finally {
    document.removeEventListener('gw-load', listener);
  }
});

it('the panel’s parts are the widget’s: a page styles them with ::part()', async () => {
  const style = document.createElement('style');
  style.className = 'banner';
  style.textContent = 'gw-support-chat::part(heading) { color: rgb(1, 2, 3); }';
  document.head.append(style);
  const el = await chat(chatEdge());
  await openChat(el);
  expect(getComputedStyle($(el, '[part~="heading"]') as HTMLElement).color).to.equal(
    'rgb(1, 2, 3)',
  );
});

it('Hindi: the launcher names itself at once, the panel’s table loads on demand', async () => {
  const el = await chat(chatEdge(), new FakeChatServer(), { locale: 'hi' });
  expect(launcher(el).getAttribute('aria-label')).to.equal('सहायता से चैट करें');
  await openChat(el);
  await until(() => $(el, '[part~="heading"]')?.textContent === 'सहायता', 3000, 'the Hindi table');
  expect(
    performance
      .getEntriesByType('resource')
      .some((r) => r.name.includes('/support-chat/strings/hi.')),
  ).to.equal(true);
});

const T0 = Date.UTC(2026, 0, 5, 9, 30);
const STATES: Record<string, Partial<ChatView>> = {
  empty: { phase: 'chat', connection: 'connected', support: SUPPORT },
  conversation: {
    phase: 'chat',
    connection: 'reconnecting',
    support: { ...SUPPORT, open: false },
    typing: true,
    hits: HITS,
    messages: [
      { ...agentMessage(1, 'Hello, how can I help?', T0), seq: 1 },
      {
        clientId: 'c1xxxxxxxx',
        seq: 2,
        author: 'customer',
        authorName: null,
        text: 'My card is blocked',
        at: T0 + 60_000,
        delivery: 'sent',
      },
      {
        clientId: 'c2xxxxxxxx',
        seq: undefined,
        author: 'customer',
        authorName: null,
        text: 'Still there?',
        at: T0 + 120_000,
        delivery: 'failed',
      },
      {
        clientId: 'c3xxxxxxxx',
        seq: undefined,
        author: 'customer',
        authorName: null,
        text: 'Hello?',
        at: T0 + 180_000,
        delivery: 'queued',
      },
    ],
    escalation: {
      state: 'escalated',
      ticket: {
        id: 't',
        conversationId: 'c',
        priority: 'urgent',
        tier: 'premium',
        status: 'open',
        createdAt: T0,
        dueAt: T0 + 3_600_000,
      },
    },
  },
  prechat: { phase: 'prechat' },
  error: { phase: 'error', error: 'unavailable' },
};

for (const preset of PRESETS) {
  for (const locale of ['en', 'ar'] as const) {
    const mode = preset === 'nocturne' || locale === 'ar' ? 'dark' : 'light';
    it(`${preset}, ${mode}, ${locale}: every state is themed, mirrored and passes axe-core`, async () => {
      const el = await chat(chatEdge(preset), undefined, { locale, mode });
      await until(() => prop(el, '--gw-sys-color-primary') !== '', 3000, 'the theme');
      expect(getComputedStyle(launcher(el)).backgroundColor).to.equal(
        rgb(
          prop(el, '--gw-support-chat-launcher-background') || prop(el, '--gw-sys-color-primary'),
        ),
      );
      expect(el.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
      // The launcher at the inline-end corner; the rest of its strip lets the page be clicked.
      const button = launcher(el).getBoundingClientRect();
      if (locale === 'ar') expect(button.left).to.be.lessThan(innerWidth - button.right);
      else expect(button.left).to.be.greaterThan(innerWidth - button.right);
      const farSide = locale === 'ar' ? innerWidth - 10 : 10;
      expect(document.elementFromPoint(farSide, innerHeight - 10)).not.to.equal(el);
      expect(document.elementFromPoint(button.left + 28, button.top + 28)).to.equal(el);
      await expect(el).to.be.accessible();
      for (const [name, view] of Object.entries(STATES)) {
        el.session = staticSession(view);
        el.open = true;
        await el.updateComplete;
        await until(() => Boolean($(el, '[part~="panel"]')?.matches(':popover-open')), 3000, name);
        await panelUpdated(el);
        if (locale === 'ar')
          await until(() => $(el, '[part~="heading"]')?.textContent !== EN.heading, 3000, 'Arabic');
        if (name === 'conversation') {
          const own = $(el, '[part~="message-customer"]') as HTMLElement;
          expect(getComputedStyle(own).backgroundColor).to.equal(
            rgb(prop(el, '--gw-sys-color-primary')),
          );
          // The panel opens at the inline end: right in English, left in Arabic.
          const box = ($(el, '[part~="panel"]') as HTMLElement).getBoundingClientRect();
          if (locale === 'ar') expect(box.left).to.be.lessThan(innerWidth - box.right);
          else expect(box.left).to.be.greaterThan(innerWidth - box.right);
        }
        await expect(el, `${name}`).to.be.accessible();
        el.open = false;
        await el.updateComplete;
      }
    });
  }
}
