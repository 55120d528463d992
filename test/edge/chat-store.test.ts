// The support chat's store on a real SQLite database (the shared suite in
// chat-store-suite.ts), and two processes appending to one database file at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { SqliteExecutor } from '../../edge/adapters/sqlite-executor.js';
import { sqlStore } from '../../edge/store/sql-store.js';
import {
  A,
  type ChatStoreRuntime,
  chatStoreSuite,
  message,
  started,
  T0,
  withTenants,
} from './chat-store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'gw-chat-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function open(path: string) {
  const db = new SQLite(path);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

const sqlite: ChatStoreRuntime = {
  name: 'SQLite',
  database: async () => new SqliteExecutor(open(':memory:')),
};

describe('chat store on SQLite: two processes', () => {
  test('two processes appending to one database file at once still get 1..100 without gaps', async () => {
    const path = join(dir, 'two-processes.db');
    const first = await withTenants(new SqliteExecutor(open(path)));
    const second = sqlStore(new SqliteExecutor(open(path)), () => T0);
    const c = await started(first.store, A);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? first.store : second).appendChatMessage(message(c, `client-${i}-y`)),
      ),
    );
    assert.deepEqual(
      results.map((r) => r?.message.seq ?? 0).sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    assert.equal((await second.getConversation(A, c.id))?.lastSeq, 100);
    await second.close();
    await first.store.close();
  });
});

chatStoreSuite(sqlite);
