/**
 * Changes to a conversation besides messages — assign, escalate, close — as plain data, so
 * the same change runs in the process (Node) or is handed to the conversation's Durable
 * Object (Workers), and tells the live clients what changed.
 */
import { type ServerFrame, SYSTEM_MESSAGES } from '../../contracts/chat.js';
import { newId } from '../auth/credentials.js';
import type { TicketRecord } from '../store/ports/chat.js';
import type { AuditEntry } from '../store/types.js';
import { type ChatService, conversationView } from './service.js';

export type ChatChange =
  | { kind: 'assign'; assignee: string | null; audit: AuditEntry }
  | { kind: 'close'; audit: AuditEntry }
  | { kind: 'escalate'; ticket: TicketRecord }
  /** An agent is typing: told to live clients, never stored. */
  | { kind: 'typing' };

/** What a change did: `ok` false when the conversation was not open (or not the tenant's). */
export type ChangeResult = { ok: boolean; ticket?: TicketRecord };

/** Runs `change` and returns the frames live clients should get (for `ChatRoom.apply`). */
export async function runChange(
  service: ChatService,
  tenantId: string,
  conversationId: string,
  change: ChatChange,
): Promise<{ frames: ServerFrame[]; result: ChangeResult }> {
  const { store } = service;
  const before = await store.getConversation(tenantId, conversationId);
  if (!before) return { frames: [], result: { ok: false } };
  if (change.kind === 'typing') {
    const open = before.status === 'open';
    return { frames: open ? [{ type: 'typing', author: 'agent' }] : [], result: { ok: open } };
  }
  let result: ChangeResult;
  switch (change.kind) {
    case 'assign':
      result = {
        ok: await store.assignConversation(
          tenantId,
          conversationId,
          change.assignee,
          service.now(),
          change.audit,
        ),
      };
      break;
    case 'close': {
      const clientId = newId('sys');
      result = {
        ok: await store.closeConversation(
          tenantId,
          conversationId,
          {
            clientId,
            author: 'system',
            authorName: null,
            // The system line's text is a code the widget words in the customer's language.
            sealed: await service.seal(
              tenantId,
              conversationId,
              clientId,
              SYSTEM_MESSAGES.conversationClosed,
            ),
            at: service.now(),
          },
          change.audit,
        ),
      };
      break;
    }
    case 'escalate': {
      const ticket = await store.escalateConversation(change.ticket);
      result = ticket ? { ok: true, ticket } : { ok: false };
      break;
    }
  }
  if (!result.ok) return { frames: [], result };
  const after = await store.getConversation(tenantId, conversationId);
  if (!after) return { frames: [], result };
  const frames: ServerFrame[] = [];
  // A close adds the system message: live clients get it before the changed conversation.
  if (after.lastSeq > before.lastSeq) {
    for (const message of await service.replay(
      tenantId,
      conversationId,
      before.lastSeq,
      after.lastSeq - before.lastSeq,
    ))
      frames.push({ type: 'message', message });
  }
  frames.push({ type: 'conversation', conversation: conversationView(after) });
  return { frames, result };
}
