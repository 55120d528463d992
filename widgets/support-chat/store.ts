/**
 * What the chat keeps in sessionStorage so a reload resumes the same conversation: its id, the
 * visitor key of an anonymous chat, the messages held (their seqs say where the replay starts),
 * the outbox (written, not yet confirmed) and the unread count. sessionStorage, not
 * localStorage: it ends with the tab, and it is the page's origin's — never a cookie.
 */
import type { ChatMessage } from '../../contracts/chat.js';

export type HeldMessage = ChatMessage;

export interface Outgoing {
  clientId: string;
  text: string;
  at: number;
  delivery: 'queued' | 'sending' | 'failed';
}

export interface Stored {
  conversationId: string;
  visitorKey?: string;
  messages: HeldMessage[];
  outbox: Outgoing[];
  unread: number;
}

/** The stored conversation, or undefined when there is none (or it does not parse). */
export function readStored(storage: Storage | undefined, key: string): Stored | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<Stored>;
    if (typeof value.conversationId !== 'string') return undefined;
    return {
      conversationId: value.conversationId,
      ...(typeof value.visitorKey === 'string' ? { visitorKey: value.visitorKey } : {}),
      messages: Array.isArray(value.messages) ? value.messages : [],
      outbox: Array.isArray(value.outbox) ? value.outbox : [],
      unread: typeof value.unread === 'number' ? value.unread : 0,
    };
  } catch {
    return undefined;
  }
}

export function writeStored(storage: Storage | undefined, key: string, value: Stored): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused (private mode): the chat still works, it just won't survive a reload.
  }
}
