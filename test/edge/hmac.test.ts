// The one HMAC helper: per-purpose keys from one secret, constant-time verification, and quote
// signatures byte-for-byte what the edge issued before the helper existed.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { hmacSign, hmacVerify, SIGNING_PURPOSES } from '../../edge/auth/hmac.js';
import { signLink, verifyLink } from '../../edge/auth/signed-links.js';
import { tamperTail } from './helpers.js';

const SECRET = 'hmac-test-secret-0123456789abcdefghijklmnop';

describe('hmac', () => {
  test('each purpose signs with its own key: a signature never verifies for another purpose', async () => {
    const message = '{"id":"quo_x","total":100}';
    const asQuote = await hmacSign(SECRET, 'quote', message);
    const asLink = await hmacSign(SECRET, 'previewLink', message);
    assert.notEqual(asQuote, asLink);
    assert.equal(await hmacVerify(SECRET, 'quote', message, asQuote), true);
    assert.equal(await hmacVerify(SECRET, 'previewLink', message, asQuote), false);
    assert.equal(await hmacVerify(SECRET, 'quote', `${message} `, asQuote), false);
    assert.equal(await hmacVerify(`${SECRET}x`, 'quote', message, asQuote), false);
    assert.equal(await hmacVerify(SECRET, 'quote', message, 'not-a-signature'), false);
  });

  test('the key is HMAC-SHA-256(secret, label): quotes signed before the helper still verify', async () => {
    const message = 'canonical quote json';
    const derived = createHmac('sha256', SECRET).update(SIGNING_PURPOSES.quote).digest();
    const expected = createHmac('sha256', derived).update(message).digest('base64url');
    assert.equal(await hmacSign(SECRET, 'quote', message), expected);
  });

  test('a preview link is refused after a change to its payload, its signature, or its expiry', async () => {
    const link = await signLink({ tid: 'ten_1', hash: 'abc', exp: 2_000 }, SECRET);
    assert.deepEqual(await verifyLink(link, SECRET, 1_000), {
      tid: 'ten_1',
      hash: 'abc',
      exp: 2_000,
    });
    assert.equal(await verifyLink(link, SECRET, 2_000), undefined, 'expired');
    const [body, signature] = link.split('.');
    const other = Buffer.from(JSON.stringify({ tid: 'ten_2', hash: 'abc', exp: 2_000 })).toString(
      'base64url',
    );
    assert.equal(await verifyLink(`${other}.${signature}`, SECRET, 1_000), undefined);
    assert.equal(
      await verifyLink(`${body}.${tamperTail(signature ?? '', 2)}`, SECRET, 1_000),
      undefined,
    );
    // A quote signature over the same bytes is no preview link.
    const quoteSigned = `${body}.${await hmacSign(SECRET, 'quote', body ?? '')}`;
    assert.equal(await verifyLink(quoteSigned, SECRET, 1_000), undefined);
  });
});
