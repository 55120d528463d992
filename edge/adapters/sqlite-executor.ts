/**
 * The store's executor on Node: better-sqlite3, synchronous underneath. A batch is one
 * better-sqlite3 transaction, so it applies whole or not at all, like a D1 batch. Prepared
 * statements are cached by their SQL text (the store's statements repeat).
 */
import type SQLite from 'better-sqlite3';
import type { SqlExecutor, Statement, StatementResult } from '../store/executor.js';

export class SqliteExecutor implements SqlExecutor {
  readonly #db: SQLite.Database;
  readonly #prepared = new Map<string, SQLite.Statement>();
  readonly #batch: (statements: readonly Statement[]) => StatementResult[];

  constructor(db: SQLite.Database) {
    this.#db = db;
    this.#batch = db.transaction((statements: readonly Statement[]) =>
      statements.map((s) => this.#execute<Record<string, unknown>>(s)),
    );
  }

  #statement(sql: string): SQLite.Statement {
    let prepared = this.#prepared.get(sql);
    if (!prepared) {
      prepared = this.#db.prepare(sql);
      if (this.#prepared.size >= 500) this.#prepared.clear();
      this.#prepared.set(sql, prepared);
    }
    return prepared;
  }

  #execute<Row>(statement: Statement): StatementResult<Row> {
    const prepared = this.#statement(statement.sql);
    const parameters = statement.parameters as unknown[];
    if (prepared.reader) return { rows: prepared.all(...parameters) as Row[], changes: 0 };
    return { rows: [], changes: prepared.run(...parameters).changes };
  }

  async run<Row = Record<string, unknown>>(statement: Statement): Promise<StatementResult<Row>> {
    return this.#execute<Row>(statement);
  }

  async batch(statements: readonly Statement[]): Promise<StatementResult[]> {
    return this.#batch(statements);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
