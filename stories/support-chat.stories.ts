/**
 * `<gw-support-chat>`: the launcher and the panel in each of its states — rendered from a fixed
 * `ChatView` (an injected session), so no chat server is needed: empty, a conversation,
 * reconnecting, the offline queue, a failed message, escalated, outside support hours and the
 * pre-chat form. The toolbar's tenant, mode, locale and direction apply as everywhere.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { SupportStatus } from '../contracts/chat.js';
import type { ViewMessage } from '../widgets/support-chat/connection.js';
import { CHAT_STRINGS_EN as en } from '../widgets/support-chat/locales.js';
import { type ChatView, staticSession } from '../widgets/support-chat/session.js';
import '../widgets/support-chat/support-chat.js';
import { gw } from './support/parameters.js';

const TAG = 'gw-support-chat';

const SUPPORT: SupportStatus = {
  tier: 'premium',
  hours: {
    timeZone: 'Asia/Kolkata',
    days: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
        d,
        { open: '09:00', close: '18:00' },
      ]),
    ),
  },
  open: true,
  responseMinutes: 60,
  visitors: true,
};

// A fixed morning, so every story shows the same dates and times.
const T0 = Date.UTC(2026, 10, 30, 4, 30);
const minutes = (n: number) => T0 + n * 60_000;

const agent = (seq: number, text: string, at: number): ViewMessage => ({
  clientId: `agent-${seq}-story`,
  seq,
  author: 'agent',
  authorName: 'Priya',
  text,
  at,
});
const own = (
  seq: number | undefined,
  text: string,
  at: number,
  delivery: ViewMessage['delivery'],
): ViewMessage => ({
  clientId: `own-${seq ?? text.length}-story`,
  seq,
  author: 'customer',
  authorName: null,
  text,
  at,
  delivery,
});

const CONVERSATION: ViewMessage[] = [
  {
    clientId: 'sys-1-story',
    seq: 1,
    author: 'system',
    authorName: null,
    text: 'Priya joined the chat',
    at: minutes(-1440),
  },
  agent(2, 'Hello! How can I help you today?', minutes(-1439)),
  own(3, 'My corporate card was declined at a supplier.', minutes(0), 'sent'),
  agent(4, 'Sorry to hear that. Was it a card payment online or in person?', minutes(1)),
];

const base: Partial<ChatView> = {
  phase: 'chat',
  connection: 'connected',
  support: SUPPORT,
};

const render = (view: Partial<ChatView>) => () =>
  html`<gw-support-chat open .session=${staticSession({ ...base, ...view })}></gw-support-chat>`;

const meta: Meta = {
  title: 'Widgets/Support chat',
  component: TAG,
  render: render({}),
};
export default meta;

type Story = StoryObj;

/** A new conversation: the promise of a quick answer, and "Ask us anything…". */
export const Empty: Story = {
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="panel"]': 1,
        '[part~="empty-state"]': en.emptyTitle,
        '[part~="response-time"]': 'We usually answer within 1 hour',
        '[part~="connection"]': en.connection.connected,
      },
    },
  }),
};

/** Messages over two days, support typing, a suggestion list and "Talk to a person". */
export const Conversation: Story = {
  tags: ['!autodocs'],
  render: render({
    messages: CONVERSATION,
    typing: true,
    hits: [
      {
        slug: 'declined-card',
        title: 'Why a card payment is declined',
        snippet: 'Limits, merchant blocks and how to lift them…',
        url: 'https://bank.example/help/declined-card',
      },
    ],
  }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="message"]': 4,
        '[part~="day-separator"]': 2,
        '[part~="typing"]': en.typing,
        '[part~="suggestion"]': 1,
        '[part~="escalate-button"]': en.talkToPerson,
      },
    },
  }),
};

/** The connection dropped: said in words, the conversation stays readable. */
export const Reconnecting: Story = {
  tags: ['!autodocs'],
  render: render({ connection: 'reconnecting', messages: CONVERSATION }),
  parameters: gw({
    shows: {
      [TAG]: { '[part~="connection"]': en.connection.reconnecting, '[part~="message"]': 4 },
    },
  }),
};

/** Offline: what the customer writes waits in the outbox, in order, until the connection is back. */
export const OfflineQueue: Story = {
  name: 'Offline queue',
  tags: ['!autodocs'],
  render: render({
    connection: 'offline',
    messages: [
      ...CONVERSATION,
      own(undefined, 'In person, at the supplier’s shop.', minutes(3), 'queued'),
      own(undefined, 'The amount was ₹48,000.', minutes(4), 'queued'),
    ],
  }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="connection"]': en.connection.offline,
        '[part~="delivery-queued"]': 2,
      },
    },
  }),
};

/** A message the edge refused: marked, with Retry beside it. */
export const FailedMessage: Story = {
  name: 'Failed message',
  tags: ['!autodocs'],
  render: render({
    messages: [
      ...CONVERSATION,
      own(undefined, 'Here is the receipt number…', minutes(5), 'failed'),
    ],
  }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="delivery-failed"]': en.delivery.failed,
        '[part~="retry-send-button"]': en.retrySend,
      },
    },
  }),
};

/** After "Talk to a person": the ticket's promised answer time. */
export const Escalated: Story = {
  tags: ['!autodocs'],
  render: render({
    messages: CONVERSATION,
    escalation: {
      state: 'escalated',
      ticket: {
        id: 'tk_story',
        conversationId: 'cv_story',
        priority: 'urgent',
        tier: 'premium',
        status: 'open',
        createdAt: minutes(2),
        dueAt: minutes(62),
      },
    },
  }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="escalated"]': 'Escalated — a person will answer by',
        '[part~="escalate-button"]': 0,
      },
    },
  }),
};

/** Nobody there: the notice with the week's hours; a message can still be left. */
export const OutsideHours: Story = {
  name: 'Outside hours',
  tags: ['!autodocs'],
  render: render({ support: { ...SUPPORT, open: false } }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="outside-hours"]': en.outsideHours,
        '[part~="hours"] li': 5,
        '[part~="composer-input"]': 1,
      },
    },
  }),
};

/** A token naming no customer: a name and an email first, with autofill. */
export const PrechatForm: Story = {
  name: 'Pre-chat form',
  tags: ['!autodocs'],
  render: render({ phase: 'prechat' }),
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="prechat"]': en.prechatIntro,
        '[autocomplete="name"]': 1,
        '[autocomplete="email"]': 1,
      },
    },
  }),
};

/** Closed, with replies waiting: the launcher's badge (and its name says how many). */
export const UnreadBadge: Story = {
  name: 'Launcher with unread messages',
  tags: ['!autodocs'],
  render: () =>
    html`<gw-support-chat .session=${staticSession({ ...base, unread: 2 })}></gw-support-chat>`,
  parameters: gw({ shows: { [TAG]: { '[part~="badge"]': '2', '[part~="panel"]': 0 } } }),
};

/** The chat could not start (the edge answered with an error). */
export const StartFailed: Story = {
  name: 'Start failed',
  tags: ['!autodocs'],
  render: render({ phase: 'error', error: 'unavailable' }),
  parameters: gw({
    shows: {
      [TAG]: { '[part~="error-state"]': en.errorTitle, '[part~="retry-button"]': en.retry },
    },
  }),
};

/** Starting: the skeleton of a conversation. */
export const Loading: Story = {
  tags: ['!autodocs'],
  render: render({ phase: 'loading' }),
  parameters: gw({ shows: { [TAG]: { '[part~="skeleton"]': true } } }),
};
