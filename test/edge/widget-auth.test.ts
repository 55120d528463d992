// How widgets authenticate from a browser: the publishable key may ride in `?pk=` on reads (no
// CORS preflight), and a same-origin page (no Origin header) is recognised by Sec-Fetch-Site.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTenant, createTestEdge, ORIGIN, PUBLIC_URL } from './helpers.js';

describe('publishable key in the query', () => {
  test('reads accept ?pk= from an allowed origin, with CORS for that origin', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
      const ok = await edge.call('GET', `/v1/config?pk=${tenant.publishableKey}`, {
        headers: { origin: ORIGIN },
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
      const foreign = await edge.call('GET', `/v1/config?pk=${tenant.publishableKey}`, {
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(foreign.status, 403);
    } finally {
      await edge.close();
    }
  });

  test('only publishable keys, only on GET', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
      const secretInQuery = await edge.call('GET', `/v1/keys?pk=${tenant.secretKey}`);
      assert.equal(secretInQuery.status, 401, 'a secret key in the URL is never a credential');
      const post = await edge.call('POST', `/v1/quotes?pk=${tenant.publishableKey}`, {
        headers: { origin: ORIGIN },
        body: { planId: 'x', selection: {} },
      });
      assert.equal(post.status, 401);
      const unknown = await edge.call('GET', '/v1/config?pk=pk_live_unknownunknownunknownunknown', {
        headers: { origin: ORIGIN },
      });
      assert.equal(unknown.status, 401);
    } finally {
      await edge.close();
    }
  });
});

describe('same-origin pages', () => {
  test('a page on an allowed origin that sends no Origin (same-origin GET) is recognised', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a', [PUBLIC_URL]);
      const sameOrigin = await edge.call('GET', '/v1/config', {
        auth: tenant.publishableKey,
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(sameOrigin.status, 200);
      const crossSite = await edge.call('GET', '/v1/config', {
        auth: tenant.publishableKey,
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.status, 403, 'without Origin, only a same-origin page counts');
    } finally {
      await edge.close();
    }
  });
});
