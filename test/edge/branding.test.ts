// The branding lifecycle a brand manager goes through: draft (validated by the theme engine),
// preview on a signed expiring link, publish as immutable versions, roll back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createTenant,
  createTestEdge,
  ORIGIN,
  SUNBEAM_BRAND,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
};

async function setup(): Promise<{ edge: TestEdge; tenant: TestTenant }> {
  const edge = await createTestEdge();
  return { edge, tenant: await createTenant(edge, 'bank-a', [ORIGIN]) };
}

const currentHash = async (edge: TestEdge, tenant: TestTenant) =>
  (
    await edge.call('GET', '/v1/themes/current.css', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    })
  ).headers.get('etag');

describe('branding drafts', () => {
  test('an invalid brand is a 422 carrying the engine’s path, expected and received', async () => {
    const { edge, tenant } = await setup();
    try {
      const body = await json<{ errors: { path: string; expected: string; received: string }[] }>(
        await edge.call('PUT', '/v1/branding/draft', {
          auth: tenant.secretKey,
          body: { ...SUNBEAM_BRAND('bank-a'), colors: { primary: 'red;}' } },
        }),
        422,
      );
      assert.deepEqual(
        body.errors.map((e) => e.path),
        ['/colors/primary'],
      );
      assert.match(body.errors[0]?.expected ?? '', /colour/);
      assert.equal(
        (await edge.call('GET', '/v1/branding/draft', { auth: tenant.secretKey })).status,
        404,
        'nothing saved',
      );
    } finally {
      await edge.close();
    }
  });

  test('the brand slug must be the tenant slug', async () => {
    const { edge, tenant } = await setup();
    try {
      const body = await json<{ errors: { path: string }[] }>(
        await edge.call('PUT', '/v1/branding/draft', {
          auth: tenant.secretKey,
          body: SUNBEAM_BRAND('other-bank'),
        }),
        422,
      );
      assert.equal(body.errors[0]?.path, '/slug');
    } finally {
      await edge.close();
    }
  });

  test('a valid draft returns the report and is saved', async () => {
    const { edge, tenant } = await setup();
    try {
      const { report } = await json<{
        report: { ok: boolean; hash: string; contrast: unknown[]; warnings: { code: string }[] };
      }>(
        await edge.call('PUT', '/v1/branding/draft', {
          auth: tenant.secretKey,
          body: SUNBEAM_BRAND('bank-a'),
        }),
        200,
      );
      assert.equal(report.ok, true);
      assert.equal(report.contrast.length, 56);
      assert.ok(
        report.warnings.some((w) => w.code === 'contrast-adjusted'),
        'the yellow primary is adjusted in light mode',
      );
      const saved = await json<{ report: { hash: string } }>(
        await edge.call('GET', '/v1/branding/draft', { auth: tenant.secretKey }),
        200,
      );
      assert.equal(saved.report.hash, report.hash);
    } finally {
      await edge.close();
    }
  });
});

describe('preview links', () => {
  test('show the draft for 15 minutes, and stop when a newer draft replaces it', async () => {
    const { edge, tenant } = await setup();
    try {
      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: SUNBEAM_BRAND('bank-a'),
      });
      const { url } = await json<{ url: string }>(
        await edge.call('POST', '/v1/branding/preview', { auth: tenant.secretKey }),
        201,
      );
      const path = new URL(url).pathname;
      const page = await edge.call('GET', path);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(await page.text(), /Sunbeam Bank/);
      const css = await edge.call('GET', `${path}/theme.css`);
      assert.equal(css.status, 200);
      assert.match(await css.text(), /\[data-gw-theme="bank-a"\]/);
      const tampered = `${path.slice(0, -3)}${path.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
      assert.equal((await edge.call('GET', tampered)).status, 404);
      edge.clock.advance(15 * 60 * 1000 + 1000);
      assert.equal((await edge.call('GET', path)).status, 404, 'expired');
      const fresh = await json<{ url: string }>(
        await edge.call('POST', '/v1/branding/preview', { auth: tenant.secretKey }),
        201,
      );
      const freshPath = new URL(fresh.url).pathname;
      assert.equal((await edge.call('GET', freshPath)).status, 200);
      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: { ...SUNBEAM_BRAND('bank-a'), colors: { primary: '#1f5135' } },
      });
      assert.equal((await edge.call('GET', freshPath)).status, 404, 'superseded');
    } finally {
      await edge.close();
    }
  });
});

describe('publish and roll back', () => {
  test('versions are immutable and numbered; rollback makes an earlier one current', async () => {
    const { edge, tenant } = await setup();
    try {
      assert.equal(
        (await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey })).status,
        404,
        'no draft yet',
      );
      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: SUNBEAM_BRAND('bank-a'),
      });
      const v1 = await json<{ id: string; version: number; hash: string }>(
        await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey }),
        201,
      );
      assert.equal(v1.version, 1);
      const again = await json<{ id: string }>(
        await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey }),
        200,
      );
      assert.equal(again.id, v1.id, 'publishing the current draft again creates nothing');
      assert.equal(await currentHash(edge, tenant), `"${v1.hash}"`);

      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: { ...SUNBEAM_BRAND('bank-a'), colors: { primary: '#1f5135' } },
      });
      const v2 = await json<{ id: string; version: number; hash: string }>(
        await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey }),
        201,
      );
      assert.equal(v2.version, 2);
      assert.notEqual(v2.hash, v1.hash);
      assert.equal(await currentHash(edge, tenant), `"${v2.hash}"`);
      const v1Css = await edge.call('GET', `/v1/themes/${v1.hash}.css`, {
        auth: tenant.publishableKey,
        headers: { origin: ORIGIN },
      });
      assert.equal(v1Css.status, 200, 'old versions stay reachable by hash');

      const rolled = await json<{ id: string }>(
        await edge.call('POST', '/v1/branding/rollback', {
          auth: tenant.secretKey,
          body: { versionId: v1.id },
        }),
        200,
      );
      assert.equal(rolled.id, v1.id);
      assert.equal(await currentHash(edge, tenant), `"${v1.hash}"`);
      const { items } = await json<{ items: { version: number; current: boolean }[] }>(
        await edge.call('GET', '/v1/branding/versions', { auth: tenant.secretKey }),
        200,
      );
      assert.deepEqual(
        items.map((v) => [v.version, v.current]),
        [
          [2, false],
          [1, true],
        ],
      );
      assert.equal(
        (
          await edge.call('POST', '/v1/branding/rollback', {
            auth: tenant.secretKey,
            body: { versionId: 'thv_nope' },
          })
        ).status,
        404,
      );
      const audit = await json<{ items: { action: string; afterHash: string | null }[] }>(
        await edge.call('GET', '/v1/audit', { auth: tenant.secretKey }),
        200,
      );
      assert.deepEqual(
        audit.items
          .filter(
            (r) => r.action.startsWith('branding.publish') || r.action === 'branding.rollback',
          )
          .map((r) => [r.action, r.afterHash]),
        [
          ['branding.rollback', v1.hash],
          ['branding.publish', v2.hash],
          ['branding.publish', v1.hash],
        ],
      );
    } finally {
      await edge.close();
    }
  });
});
