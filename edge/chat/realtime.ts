/**
 * Where a conversation's room lives is the runtime's business; this is what the edge asks of
 * it. On Node every room is in the process (`local-realtime.ts`, sockets from the Node
 * adapter); on Workers each conversation's room is its Durable Object (`adapters/workers.ts`),
 * so every message of a conversation — from its sockets, its SSE streams, the POST fallback
 * and the agent API — is ordered in one place.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { ChangeResult, ChatChange } from './changes.js';
import type { ChatService, ChatSession, PostInput, PostResult } from './service.js';

export interface ChatRealtime {
  /** Answers an authorised WebSocket upgrade for `session` (101, or a problem). */
  upgrade(c: Context<AppEnv>, session: ChatSession): Promise<Response>;
  /** The SSE fallback: replay after `after`, then every new frame, as `text/event-stream`. */
  events(c: Context<AppEnv>, session: ChatSession, after: number): Promise<Response>;
  /** Stores a message in the conversation's order and delivers it live. */
  post(tenantId: string, conversationId: string, input: PostInput): Promise<PostResult | undefined>;
  /** Assigns, escalates or closes, in the conversation's order, telling live clients. */
  change(tenantId: string, conversationId: string, change: ChatChange): Promise<ChangeResult>;
}

/** Built by `createApp` with its chat service (the Node adapter's rooms use it). */
export type ChatRealtimeFactory = (service: ChatService) => ChatRealtime;

/** The key of a conversation's room: its tenant and id (ids are unique; the tenant scopes). */
export const roomKey = (tenantId: string, conversationId: string) =>
  `${tenantId}:${conversationId}`;
