/**
 * Kysely as a query builder only: typed SQL for SQLite (which D1 speaks), compiled to
 * statements that an executor runs. No connection lives here, so the same code serves
 * better-sqlite3 and D1.
 */
import {
  type Compilable,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Statement } from './executor.js';
import type { Database } from './schema.js';

export const q = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** The statement a builder stands for. */
export function compile(query: Compilable): Statement {
  const { sql, parameters } = query.compile();
  return { sql, parameters };
}
