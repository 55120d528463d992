// Group commit in the Node store's executor: batches asked for in one turn share a commit, yet
// each applies whole or not at all and fails on its own, callers are answered only after the
// commit, and single statements never overtake batches queued before them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { SqliteExecutor } from '../../edge/adapters/sqlite-executor.js';
import type { Statement } from '../../edge/store/executor.js';

const insert = (id: number, note = `row ${id}`): Statement => ({
  sql: 'INSERT INTO t (id, note) VALUES (?, ?)',
  parameters: [id, note],
});
const count: Statement = { sql: 'SELECT count(*) AS n FROM t', parameters: [] };

function setUp() {
  const db = new SQLite(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
  // Counts commits: better-sqlite3 runs COMMIT once per outermost transaction.
  let commits = 0;
  const realTransaction = db.transaction.bind(db);
  const executor = new SqliteExecutor(
    new Proxy(db, {
      get(target, name) {
        if (name === 'transaction')
          return (fn: (...args: unknown[]) => unknown) => {
            const wrapped = realTransaction(fn);
            return (...args: unknown[]) => {
              const wasOpen = target.inTransaction;
              const result = wrapped(...args);
              if (!wasOpen) commits += 1;
              return result;
            };
          };
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
  );
  const rows = () =>
    (db.prepare('SELECT id FROM t ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  return { db, executor, rows, commits: () => commits };
}

describe('the SQLite executor’s group commit', () => {
  test('batches from the same turn share one commit, and each caller gets its own results', async () => {
    const { executor, rows, commits } = setUp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => executor.batch([insert(2 * i + 1), insert(2 * i + 2)])),
    );
    assert.equal(commits(), 1);
    assert.equal(rows().length, 40);
    for (const result of results)
      assert.deepEqual(
        result.map((r) => r.changes),
        [1, 1],
      );
  });

  test('a failing batch rolls back alone; the others in its group are written', async () => {
    const { executor, rows } = setUp();
    const outcomes = await Promise.allSettled([
      executor.batch([insert(1), insert(2)]),
      // Its second statement violates the primary key: neither of its rows may remain.
      executor.batch([insert(3), insert(1, 'duplicate')]),
      executor.batch([insert(4)]),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /UNIQUE constraint failed/);
    assert.deepEqual(rows(), [1, 2, 4]);
  });

  test('nothing is acknowledged before its commit', async () => {
    const { executor, db } = setUp();
    const pending = executor.batch([insert(1)]);
    // Queued, not yet written: a reader on the same connection does not see it yet.
    assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 0);
    await pending;
    assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 1);
  });

  test('a statement run on its own sees every batch asked for before it', async () => {
    const { executor } = setUp();
    const written = executor.batch([insert(1), insert(2)]);
    const read = await executor.run<{ n: number }>(count);
    assert.equal(read.rows[0]?.n, 2);
    await written;
  });

  test('close writes what is queued', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-group-commit-'));
    const file = join(dir, 'db.sqlite');
    const db = new SQLite(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
    const executor = new SqliteExecutor(db);
    const pending = executor.batch([insert(7)]);
    await executor.close();
    await pending;
    const reopened = new SQLite(file);
    assert.deepEqual(reopened.prepare('SELECT id FROM t').all(), [{ id: 7 }]);
    reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
