/**
 * How the store talks to SQL, on any runtime: one statement (a read), or a batch of
 * statements run in order as one atomic unit — all apply or none. That is all D1 offers (it
 * has no interactive transactions), so every write in the store is one batch with no
 * read-then-write inside it: later statements depend on earlier ones only through SQL
 * (`INSERT … SELECT`, `WHERE EXISTS`, unique indexes, `ON CONFLICT`), never through code.
 *
 * Implementations: a better-sqlite3 transaction on Node (adapters/sqlite-executor.ts),
 * `D1Database.batch()` on Workers (adapters/d1-executor.ts).
 */

/** A compiled SQL statement with its positional parameters. */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** What a statement returned: its rows (for reads and `RETURNING`) and rows changed. */
export interface StatementResult<Row = Record<string, unknown>> {
  rows: Row[];
  changes: number;
}

export interface SqlExecutor {
  /** Runs one statement on its own (reads, and single-statement writes). */
  run<Row = Record<string, unknown>>(statement: Statement): Promise<StatementResult<Row>>;
  /** Runs the statements in order as one atomic unit; a failing statement undoes them all. */
  batch(statements: readonly Statement[]): Promise<StatementResult[]>;
  close(): Promise<void>;
}

/** A unique-index or primary-key violation, however the runtime words it. */
export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/i.test(
    String((error as Error)?.message ?? error),
  );
}
