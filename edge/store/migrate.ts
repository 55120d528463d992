/**
 * Runs the pending migrations (schema.ts) through an executor, on SQLite and D1 alike: each
 * migration is one atomic batch together with the row that records it, in the table Kysely's
 * own migrator used (`kysely_migration`), so databases it migrated carry on. Two instances
 * booting at once cannot both apply one: the loser's batch fails on the record's primary key
 * (or on its own DDL) and is rolled back whole.
 */
import { sql } from 'kysely';
import type { SqlExecutor } from './executor.js';
import { compile, q } from './query.js';
import { MIGRATIONS } from './schema.js';

const TABLE = 'kysely_migration';

async function applied(executor: SqlExecutor): Promise<Set<string>> {
  const { rows } = await executor.run<{ name: string }>(
    sql`SELECT name FROM ${sql.table(TABLE)}`.compile(q),
  );
  return new Set(rows.map((r) => r.name));
}

/** Applies every migration not yet recorded; throws naming the one that failed. */
export async function migrate(executor: SqlExecutor, now: () => number = Date.now): Promise<void> {
  await executor.run(
    compile(
      q.schema
        .createTable(TABLE)
        .ifNotExists()
        .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
        .addColumn('timestamp', 'varchar(255)', (c) => c.notNull()),
    ),
  );
  let done = await applied(executor);
  for (const migration of MIGRATIONS) {
    if (done.has(migration.name)) continue;
    const record = sql`INSERT INTO ${sql.table(TABLE)} (name, timestamp) VALUES (${migration.name}, ${new Date(now()).toISOString()})`;
    try {
      await executor.batch([...migration.statements(q), record.compile(q)]);
    } catch (error) {
      done = await applied(executor);
      if (done.has(migration.name)) continue; // Another instance applied it meanwhile.
      throw new Error(`database migration ${migration.name} failed: ${(error as Error).message}`);
    }
  }
}
