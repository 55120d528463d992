/**
 * A feature module of the edge: its routes, mounted under its own prefix, and what it declares
 * about itself — whether widgets call it from a bank's page (embeddable: CORS and
 * `frame-ancestors` from the tenant's allowed origins; everything else is never framed) and
 * who may read it cross-origin. `app.ts` mounts the modules and derives every path-based
 * policy from these declarations, so it keeps no list of paths of its own.
 */
import type { Hono } from 'hono';
import type { DataKeys } from './auth/data-keys.js';
import type { KeyRing } from './auth/widget-tokens.js';
import type { ChatRealtime } from './chat/realtime.js';
import type { ChatService } from './chat/service.js';
import type { AppEnv } from './context.js';

/**
 * - `tenant`: only the calling tenant's allowed origins (never `*`), preflights answered for
 *   origins some tenant allows;
 * - `public`: any origin (the widget kit's files, fetched without credentials);
 * - `none`: no CORS headers (the admin API is called from servers).
 */
export type CorsPolicy = 'tenant' | 'public' | 'none';

/** What a module's routes may need from the app beyond the injected deps. */
export interface ModuleContext {
  keyRing: KeyRing;
  /** Seals and opens personal data under each tenant's data key. */
  dataKeys: DataKeys;
  /** The support chat: its storage logic and the runtime's rooms. */
  chat: { service: ChatService; realtime: ChatRealtime };
}

export interface EdgeModule<R extends Hono<AppEnv> = Hono<AppEnv>, P extends string = string> {
  /** Where the module mounts; its routes are relative to it (`/` is the prefix itself). */
  prefix: P;
  embeddable: boolean;
  cors: CorsPolicy;
  /** A larger request body than the edge's default, for this module's routes only. */
  maxBodyBytes?: number;
  /** The problem type of a body over that limit (default `payload-too-large`), and its detail. */
  tooLarge?: { code: string; detail: string };
  /**
   * `bytes`: the routes take a body of any Content-Type and judge it by its content (an
   * uploaded file); the default, `json`, refuses anything but application/json with a 415.
   */
  body?: 'json' | 'bytes';
  routes: (context: ModuleContext) => R;
}

/**
 * Declares a module: an identity function that keeps the routes' types and the prefix as a
 * literal type, so the typed client (`AppType`) knows every full path.
 */
export function defineModule<const P extends string, R extends Hono<AppEnv>>(
  module: EdgeModule<R, P>,
): EdgeModule<R, P> {
  return module;
}
