/**
 * The store's executor on Node: better-sqlite3, synchronous underneath. A batch is one
 * better-sqlite3 transaction, so it applies whole or not at all, like a D1 batch. Prepared
 * statements are cached by their SQL text (the store's statements repeat).
 *
 * Group commit: batches asked for in the same turn of the event loop (many requests minting
 * tokens at once) are written in one outer transaction, each inside its own savepoint. Each
 * batch still applies whole or not at all and fails on its own — a unique violation in one
 * rolls back only that one — but the database is synced once per group instead of once per
 * batch, which is most of what a small write costs. Every caller still waits for the commit
 * that holds its batch, so nothing is acknowledged before it is durable (the Node adapter sets
 * `synchronous = FULL`: durable through a power cut, not only a process crash). Statements run on
 * their own (`run`) first write out anything queued, so operations apply in the order asked.
 */
import type SQLite from 'better-sqlite3';
import type { SqlExecutor, Statement, StatementResult } from '../store/executor.js';

interface QueuedBatch {
  statements: readonly Statement[];
  resolve: (results: StatementResult[]) => void;
  reject: (error: unknown) => void;
}

type Outcome = { results: StatementResult[] } | { error: unknown };

export class SqliteExecutor implements SqlExecutor {
  readonly #db: SQLite.Database;
  readonly #prepared = new Map<string, SQLite.Statement>();
  readonly #batch: (statements: readonly Statement[]) => StatementResult[];
  readonly #group: (queued: readonly QueuedBatch[]) => Outcome[];
  #queue: QueuedBatch[] = [];
  #flushScheduled = false;

  constructor(db: SQLite.Database) {
    this.#db = db;
    this.#batch = db.transaction((statements: readonly Statement[]) =>
      statements.map((s) => this.#execute<Record<string, unknown>>(s)),
    );
    // Inside this transaction, each `#batch` call is a nested transaction: a savepoint that
    // better-sqlite3 rolls back on its own when the batch throws.
    this.#group = db.transaction((queued: readonly QueuedBatch[]) =>
      queued.map((entry): Outcome => {
        try {
          return { results: this.#batch(entry.statements) };
        } catch (error) {
          return { error };
        }
      }),
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

  /** Writes every queued batch: one on its own, several as one group commit. */
  #flush(): void {
    this.#flushScheduled = false;
    const queued = this.#queue;
    if (queued.length === 0) return;
    this.#queue = [];
    if (queued.length === 1) {
      const [only] = queued as [QueuedBatch];
      try {
        only.resolve(this.#batch(only.statements));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.#group(queued);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): none of them happened.
      for (const entry of queued) entry.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const entry = queued[i] as QueuedBatch;
      if ('error' in outcome) entry.reject(outcome.error);
      else entry.resolve(outcome.results);
    });
  }

  async run<Row = Record<string, unknown>>(statement: Statement): Promise<StatementResult<Row>> {
    this.#flush();
    return this.#execute<Row>(statement);
  }

  batch(statements: readonly Statement[]): Promise<StatementResult[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        // After the I/O callbacks of this turn: every request parsed in it gets to queue.
        setImmediate(() => this.#flush());
      }
    });
  }

  async close(): Promise<void> {
    this.#flush();
    this.#db.close();
  }
}
