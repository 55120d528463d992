// The Node edge's JSON logger: one object per line, info lines written once per turn of the
// event loop (one write call for many requests), warnings and errors after what is pending,
// and nothing pending lost when the process exits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { jsonLogger } from '../../edge/adapters/node.js';

const nextTurn = () => new Promise((done) => setImmediate(done));

describe('jsonLogger', () => {
  test('info lines of one turn are written together, one JSON object per line', async () => {
    const writes: { text: string; level: string }[] = [];
    const logger = jsonLogger((text, level) => writes.push({ text, level }));
    for (let i = 0; i < 100; i++) logger.info('request', { requestId: `req_${i}`, status: 200 });
    assert.equal(writes.length, 0, 'nothing is written within the turn');
    await nextTurn();
    assert.equal(writes.length, 1);
    const lines = writes[0]?.text.split('\n') ?? [];
    assert.equal(lines.pop(), '', 'the text ends with a newline');
    assert.equal(lines.length, 100);
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      assert.equal(record.event, 'request');
      assert.equal(record.level, 'info');
      assert.equal(record.requestId, `req_${i}`);
      assert.match(String(record.time), /^\d{4}-\d\d-\d\dT/);
    });
  });

  test('a warning or an error is written after the info lines before it, at once', () => {
    const writes: { text: string; level: string }[] = [];
    const logger = jsonLogger((text, level) => writes.push({ text, level }));
    logger.info('request', { n: 1 });
    logger.warn('token-refused', { reason: 'expired' });
    logger.error('maintenance-failed', { name: 'Error' });
    assert.deepEqual(
      writes.map((w) => [w.level, (JSON.parse(w.text) as { event: string }).event]),
      [
        ['info', 'request'],
        ['warn', 'token-refused'],
        ['error', 'maintenance-failed'],
      ],
    );
  });

  test('lines still pending when the process exits are written', () => {
    const script = `
      import { jsonLogger } from './edge/adapters/node.ts';
      const logger = jsonLogger();
      logger.info('request', { requestId: 'req_last' });
      process.exit(0);
    `;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: new URL('../..', import.meta.url),
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /"requestId":"req_last"/);
  });
});
