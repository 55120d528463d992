// The workerd built-in module the Workers adapter uses, declared by hand (only what it uses),
// so the project needs no Workers type package whose globals would clash with the DOM's.
declare module 'cloudflare:workers' {
  /** A server-side WebSocket of the hibernation API (only what the edge uses). */
  export interface HibernatableWebSocket {
    send(message: string): void;
    close(code?: number, reason?: string): void;
    serializeAttachment(value: unknown): void;
    deserializeAttachment(): unknown;
    readonly readyState: number;
  }

  export interface DurableObjectState {
    acceptWebSocket(ws: HibernatableWebSocket, tags?: string[]): void;
    getWebSockets(tag?: string): HibernatableWebSocket[];
    setWebSocketAutoResponse(pair?: unknown): void;
  }

  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}
