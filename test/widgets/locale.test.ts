// The one locale rule: whatever a bank's page gives (no `lang`, `en_US`, ` EN-us `, `xx-!!`),
// the kit gets a canonical tag in a language it speaks, and never an exception.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { directionOf, firstLocale, resolveLocale } from '../../widgets/core/locale.js';
import { formatMoney, formatNumber, languageOf } from '../../widgets/core/localize.js';

describe('resolveLocale', () => {
  for (const [raw, expected] of [
    ['en', 'en'],
    ['en-IN', 'en-IN'],
    ['EN-us ', 'en-US'],
    ['en_US', 'en-US'],
    ['  fr_ca  ', 'fr-CA'],
    ['ar', 'ar'],
    ['hi-IN', 'hi-IN'],
    ['es-419', 'es-419'],
    ['', 'en'],
    ['   ', 'en'],
    ['xx-!!', 'en'],
    ['fr_CA!!', 'fr'],
    ['ar-!!', 'ar'],
    ['de-DE', 'en'],
    ['zh-Hans-CN', 'en'],
    ['123', 'en'],
    ['en-US-u-nu-arab', 'en-US-u-nu-arab'],
  ] as const) {
    test(`${JSON.stringify(raw)} → ${expected}`, () => {
      assert.equal(resolveLocale(raw), expected);
      // Whatever comes out works with Intl.
      assert.doesNotThrow(() => new Intl.NumberFormat(resolveLocale(raw)).format(1));
    });
  }

  test('non-strings fall back to English', () => {
    for (const value of [undefined, null, 42, {}, ['fr']]) assert.equal(resolveLocale(value), 'en');
  });

  test('the first locale that is set wins: the element, then its provider, then the page', () => {
    assert.equal(firstLocale(undefined, 'fr-FR', 'ar'), 'fr-FR');
    assert.equal(firstLocale('', '  ', 'ar'), 'ar');
    assert.equal(firstLocale(undefined, undefined, ''), 'en');
    assert.equal(firstLocale('es_MX', 'fr'), 'es-MX');
  });

  test('direction follows the resolved locale, never throws', () => {
    assert.equal(directionOf('ar_EG'), 'rtl');
    assert.equal(directionOf('ar-!!'), 'rtl');
    assert.equal(directionOf(''), 'ltr');
    assert.equal(directionOf('xx-!!'), 'ltr');
  });

  test('formatting and string lookup take any host value without a RangeError', () => {
    for (const raw of ['', 'en_US', 'xx-!!', ' EN-us ']) {
      const locale = resolveLocale(raw);
      assert.doesNotThrow(() => formatMoney(123_45, 'INR', locale));
      assert.doesNotThrow(() => formatNumber(100_000, locale));
      assert.equal(languageOf(raw), 'en');
    }
    assert.equal(formatNumber(10_000_000, resolveLocale('en_IN')), '1,00,00,000');
  });
});
