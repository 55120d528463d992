// CSV cells for the applications export: RFC 4180 quoting, and text that a spreadsheet would
// run as a formula kept as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, toCsv } from '../../edge/applications/csv.js';

test('cells are quoted only when they must be, quotes doubled', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(false), 'false');
});

test('text starting like a formula is prefixed with an apostrophe; numbers are not text', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r'])
    assert.ok(
      csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`),
      JSON.stringify(start),
    );
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell('a=b'), 'a=b');
});

test('rows end with CRLF, after a header', () => {
  assert.equal(toCsv(['a', 'b'], [['1', '=x']]), "a,b\r\n1,'=x\r\n");
});
