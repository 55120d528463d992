/**
 * The store's executor on Workers: D1. A batch is `D1Database.batch()`, which D1 runs as one
 * transaction (a failing statement rolls the whole batch back) — the only kind D1 has.
 */
import type { SqlExecutor, Statement, StatementResult } from '../store/executor.js';

/** The part of a D1 binding this executor uses (structural, so no Workers type package). */
interface D1Result<Row> {
  results?: Row[];
  meta?: { changes?: number };
}
interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all<Row>(): Promise<D1Result<Row>>;
}
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch<Row>(statements: D1PreparedStatement[]): Promise<D1Result<Row>[]>;
}

export class D1Executor implements SqlExecutor {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  #prepare(statement: Statement) {
    return this.#db.prepare(statement.sql).bind(...statement.parameters);
  }

  async run<Row = Record<string, unknown>>(statement: Statement): Promise<StatementResult<Row>> {
    const result = await this.#prepare(statement).all<Row>();
    return { rows: result.results ?? [], changes: result.meta?.changes ?? 0 };
  }

  async batch(statements: readonly Statement[]): Promise<StatementResult[]> {
    if (statements.length === 0) return [];
    const results = await this.#db.batch<Record<string, unknown>>(
      statements.map((s) => this.#prepare(s)),
    );
    return results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0 }));
  }

  async close(): Promise<void> {
    // A binding has nothing to close.
  }
}
