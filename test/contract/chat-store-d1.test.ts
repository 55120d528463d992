// The support chat's store on a local D1 in workerd (Miniflare): the same suite as on SQLite
// (test/edge/chat-store-suite.ts), so the chat's SQL is proven on both runtimes' databases.
import { after } from 'node:test';
import { Miniflare } from 'miniflare';
import { type D1Database, D1Executor } from '../../edge/adapters/d1-executor.js';
import { type ChatStoreRuntime, chatStoreSuite } from '../edge/chat-store-suite.js';

// One workerd for the file, a fresh D1 binding for each test (bindings are fixed at start).
const D1_BINDINGS = 32;
let workerd: Miniflare | undefined;
let bindingsUsed = 0;
after(() => workerd?.dispose());

const d1: ChatStoreRuntime = {
  name: 'D1',
  async database() {
    workerd ??= new Miniflare({
      modules: true,
      script: 'export default { fetch: () => new Response(null, { status: 404 }) }',
      d1Databases: Array.from({ length: D1_BINDINGS }, (_, i) => `DB${i}`),
    });
    if (bindingsUsed >= D1_BINDINGS) throw new Error('more tests than D1 bindings');
    const binding = await workerd.getD1Database(`DB${bindingsUsed++}`);
    return new D1Executor(binding as unknown as D1Database);
  },
};

chatStoreSuite(d1);
