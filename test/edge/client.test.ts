import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEdgeClient } from '../../edge/client.js';
import { createTenant, createTestEdge, ORIGIN, PUBLIC_URL } from './helpers.js';

describe('typed client', () => {
  test('a bank backend mints a token and reads its keys with typed responses', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
      const fetchViaApp = ((input: RequestInfo | URL, init?: RequestInit) =>
        edge.app.request(String(input), init)) as typeof fetch;
      const client = createEdgeClient(PUBLIC_URL, tenant.secretKey, { fetch: fetchViaApp });
      const minted = await client.v1.tokens.$post({
        json: { scopes: ['config:read'], origin: ORIGIN },
      });
      assert.equal(minted.status, 201);
      if (minted.status === 201) {
        const body = await minted.json();
        assert.match(body.jti, /^jti_/);
        // The token's expiry is measured on the edge's injected clock, never the wall clock.
        assert.equal(body.expiresAt, Math.floor(edge.clock.now() / 1000) + 600);
      }
      const keys = await client.v1.keys.$get();
      assert.equal(keys.status, 200);
      if (keys.status === 200) {
        const { items } = await keys.json();
        assert.deepEqual(items.map((k) => k.kind).sort(), ['publishable', 'secret']);
      }
    } finally {
      await edge.close();
    }
  });

  test('the OpenAPI document describes every versioned route with problem responses', async () => {
    const edge = await createTestEdge();
    try {
      const doc = (await (await edge.call('GET', '/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      assert.equal(doc.openapi, '3.1.0');
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          if (!path.startsWith('/v1/') || path.startsWith('/v1/branding/preview/')) continue;
          assert.ok(
            operation.responses['401'] || operation.responses['404'],
            `${method} ${path} documents its failures`,
          );
        }
      }
      assert.ok(doc.paths['/v1/tokens']?.post, 'token minting is documented');
    } finally {
      await edge.close();
    }
  });
});
