/** The Hono environment shared by every route module: variables set by the middleware. */

import type { WidgetClaims } from './auth/widget-tokens.js';
import type { EdgeDeps } from './deps.js';
import type { CacheableAnswer } from './middleware/read-cache/index.js';
import type { ApiKey, Tenant } from './store/store.js';

/** Who is calling, decided once per request by the `authenticate` middleware. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'operator' }
  | { kind: 'secret'; tenant: Tenant; key: ApiKey }
  | { kind: 'publishable'; tenant: Tenant; key: ApiKey }
  | { kind: 'token'; tenant: Tenant; claims: WidgetClaims };

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: EdgeDeps;
    caller: Caller;
    /** The tenant owning the request's hostname, when it is an active custom domain. */
    domainTenant: Tenant | undefined;
    /** Set by `tenantCors` on embeddable routes: they may be framed by the tenant's origins. */
    embeddable: boolean | undefined;
    /** Set by a route whose answer the read cache may replay (`cacheAnswer`). */
    cacheable: CacheableAnswer | undefined;
    /** The tenant's allowed origins once read in this request (`originsOf`). */
    origins: { tenantId: string; list: string[] } | undefined;
  };
}
