// The connections requests run on (design.md, "Request flow"). A request takes
// one connection for its whole life and opens its own transaction on it:
// BEGIN and the tenant prelude travel in one round trip (simple protocol), the
// request's Prisma queries follow on the same connection, and COMMIT (or
// ROLLBACK) ends it. Each connection slot has a Prisma client of its own whose
// driver adapter can only reach that slot's connection, so several org- or
// viewer-bound clients of one request (tenancy/session.ts) share the
// transaction, and nothing needs to find "the current request" through async
// context.
//
// Prisma never opens a transaction of its own here: when it needs one (an
// operation of several statements), the adapter gives it a savepoint inside
// the request's transaction. A BEGIN, COMMIT or ROLLBACK from Prisma itself
// would end the tenant transaction early, so it is refused (fail closed).
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Row = Record<string, unknown>;

/** Sees every round trip to the database: its SQL and how many statements it carries. */
export type StatementObserver = (sql: string, statements: number) => void;

export interface RequestConnection {
  /** A Prisma client whose queries run on this connection, in its transaction. */
  readonly prisma: PrismaClient;
  /** Runs literal SQL (no parameters) in one round trip; the last statement's rows. */
  script(sql: string): Promise<Row[]>;
}

export interface RequestConnections {
  /**
   * Runs `fn` in a transaction of its own connection. `prelude` (literal SQL,
   * one or more statements) runs with BEGIN in the same round trip and its last
   * statement's rows go to `fn`. Rolled back when `fn` throws; `committed` is
   * false when PostgreSQL rolled it back at COMMIT (a statement failed unhandled).
   */
  transaction<T>(
    prelude: string,
    fn: (conn: RequestConnection, preludeRows: Row[]) => Promise<T>,
  ): Promise<{ result: T; committed: boolean }>;
  /** Runs `fn` on a connection of its own without a transaction (the walls-off baseline). */
  autocommit<T>(fn: (conn: RequestConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Statements a Prisma client must never send on a request connection. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK(?!\s+TO\b)|ABORT)\b/i;

export class ConnectionNotInRequest extends Error {}

function refuseTransactionControl(sql: string) {
  if (TRANSACTION_CONTROL.test(sql)) {
    throw new ConnectionNotInRequest(`Prisma sent ${sql.trim().split(/\s/)[0]} on a request connection`);
  }
}

/** Counts the statements of a simple-protocol script, for the observer. */
function statementCount(sql: string): number {
  return sql.split(';').filter((s) => s.trim()).length;
}

/**
 * The adapter a slot's Prisma client uses: the slot's queryable, with
 * Prisma's transactions turned into savepoints of the request's transaction.
 */
class SavepointAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres' as const;
  readonly adapterName: string;
  #savepoints = 0;

  constructor(private readonly inner: SqlDriverAdapter) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery) {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string) {
    return this.inner.executeScript(script);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo!();
  }

  async startTransaction(): Promise<Transaction> {
    const inner = this.inner;
    const name = `prisma_tx_${++this.#savepoints}`;
    const run = (sql: string) => inner.executeRaw({ sql, args: [], argTypes: [] });
    await run(`SAVEPOINT ${name}`);
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      // Prisma sends no COMMIT or ROLLBACK of its own; these end the savepoint.
      options: { usePhantomQuery: true },
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
      commit: async () => void (await run(`RELEASE SAVEPOINT ${name}`)),
      rollback: async () => void (await run(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`)),
      createSavepoint: async (sp) => void (await run(`SAVEPOINT ${sp}`)),
      rollbackToSavepoint: async (sp) => void (await run(`ROLLBACK TO SAVEPOINT ${sp}`)),
      releaseSavepoint: async (sp) => void (await run(`RELEASE SAVEPOINT ${sp}`)),
    };
  }

  dispose() {
    return this.inner.dispose();
  }
}

function savepointAdapter(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => new SavepointAdapter(await inner.connect()),
  };
}

/** How long a request waits for a free connection before it fails. */
const ACQUIRE_TIMEOUT_MS = 10_000;

export class NoConnectionAvailable extends Error {}

/** Hands out up to `size` slots; the rest wait in order, for a while. */
class SlotQueue<S> {
  readonly #free: S[] = [];
  readonly #waiting: ((slot: S) => void)[] = [];
  #made = 0;

  constructor(
    private readonly size: number,
    private readonly make: () => S,
  ) {}

  acquire(): Promise<S> {
    const slot = this.#free.pop() ?? (this.#made < this.size ? (this.#made++, this.make()) : null);
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const waiter = (taken: S) => {
        clearTimeout(timer);
        resolve(taken);
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(new NoConnectionAvailable(`no database connection free within ${ACQUIRE_TIMEOUT_MS} ms`));
      }, ACQUIRE_TIMEOUT_MS);
      this.#waiting.push(waiter);
    });
  }

  release(slot: S) {
    const next = this.#waiting.shift();
    if (next) next(slot);
    else this.#free.push(slot);
  }
}

// ---- PostgreSQL -------------------------------------------------------------

/**
 * The pool PrismaPg is given for one slot: it pools nothing, it sends every
 * query to the connection the slot's request checked out, and fails closed
 * when there is none (a query outside any request never runs on a random
 * connection, as whatever role DATABASE_URL names).
 */
class SlotBoundPool extends pg.Pool {
  connection: pg.PoolClient | null = null;

  constructor(private readonly observe: StatementObserver) {
    super({ max: 1 });
  }

  // @ts-expect-error pg's overloads: PrismaPg calls query(config) and awaits it.
  override query(config: pg.QueryConfig) {
    if (!this.connection) throw new ConnectionNotInRequest('a request query ran outside its request');
    refuseTransactionControl(config.text);
    this.observe(config.text, 1);
    return this.connection.query(config);
  }

  override connect(): never {
    throw new ConnectionNotInRequest('PrismaPg asked for a connection of its own on a request connection');
  }
}

export interface PostgresConnectionOptions {
  url: string;
  size: number;
  observe: StatementObserver;
  /** Named prepared statements for Prisma's parameterized queries (see database.ts). */
  statementName: (sql: string) => string | undefined;
}

export function postgresRequestConnections(options: PostgresConnectionOptions): RequestConnections {
  const pool = new pg.Pool({ connectionString: options.url, max: options.size });
  // An idle connection that drops (server restart, DROP DATABASE) must not
  // crash the process: the pool replaces it and the next request reports it.
  pool.on('error', () => {});
  const clients: PrismaClient[] = [];

  interface Slot extends RequestConnection {
    readonly bound: SlotBoundPool;
  }
  const slots = new SlotQueue<Slot>(options.size, () => {
    const bound = new SlotBoundPool(options.observe);
    const prisma = new PrismaClient({
      adapter: savepointAdapter(
        // A pg.Pool at runtime; its query() override differs from pg's overloads in type only.
        new PrismaPg(bound as unknown as pg.Pool, {
          statementNameGenerator: (query) =>
            (query.args.length ? options.statementName(query.sql) : undefined) as string,
        }),
      ),
    });
    clients.push(prisma);
    return {
      bound,
      prisma,
      async script(sql) {
        const connection = bound.connection;
        if (!connection) throw new ConnectionNotInRequest('a request script ran outside its request');
        options.observe(sql, statementCount(sql));
        const result = (await connection.query(sql)) as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(result) ? result.at(-1)! : result).rows;
      },
    };
  });

  /** `fn` gets the slot and a way to say the connection is clean again after a failure. */
  async function withConnection<T>(fn: (slot: Slot, cleanedUp: () => void) => Promise<T>): Promise<T> {
    const slot = await slots.acquire();
    let connection: pg.PoolClient | null = null;
    let clean = false;
    try {
      connection = await pool.connect();
      slot.bound.connection = connection;
      const result = await fn(slot, () => (clean = true));
      connection.release();
      return result;
    } catch (error) {
      // A connection left in an unknown state (mid-transaction, broken) is not reused.
      connection?.release(clean ? undefined : (error as Error));
      throw error;
    } finally {
      slot.bound.connection = null;
      slots.release(slot);
    }
  }

  return {
    transaction: (prelude, fn) =>
      withConnection(async (slot, cleanedUp) => {
        let result;
        try {
          const rows = await slot.script(`BEGIN;\n${prelude}`);
          result = await fn(slot, rows);
        } catch (error) {
          await slot.script('ROLLBACK');
          cleanedUp();
          throw error;
        }
        options.observe('COMMIT', 1);
        const end = await slot.bound.connection!.query('COMMIT');
        return { result, committed: end.command === 'COMMIT' };
      }),
    autocommit: (fn) => withConnection((slot) => fn(slot)),
    async close() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await pool.end();
    },
  };
}

// ---- PGlite -------------------------------------------------------------------

/**
 * PGlite is one in-process session: one slot, requests one after another.
 * Its transactions hold PGlite's own lock, so the owner's client (tests,
 * seeding) waits for a request instead of running inside it.
 */
export async function pgliteRequestConnections(
  pglite: PGlite,
  observe: StatementObserver,
): Promise<RequestConnections> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  let current: PGliteTransaction | PGlite | null = null;
  const session = () => {
    if (!current) throw new ConnectionNotInRequest('a request query ran outside its request');
    return current;
  };
  // What PrismaPGlite calls on its client, routed to the request's transaction.
  const routed = {
    query: (sql: string, params?: unknown[], opts?: object) => {
      refuseTransactionControl(sql);
      observe(sql, 1);
      return session().query(sql, params, opts);
    },
    exec: (sql: string) => {
      refuseTransactionControl(sql);
      observe(sql, statementCount(sql));
      return session().exec(sql);
    },
    transaction: () => {
      throw new ConnectionNotInRequest('PrismaPGlite asked for a transaction of its own on a request connection');
    },
  };
  const prisma = new PrismaClient({ adapter: savepointAdapter(new PrismaPGlite(routed as unknown as PGlite)) });
  const slot: RequestConnection = {
    prisma,
    async script(sql) {
      observe(sql, statementCount(sql));
      return ((await session().exec(sql)).at(-1)?.rows ?? []) as Row[];
    },
  };
  const slots = new SlotQueue(1, () => slot);

  async function inSlot<T>(fn: () => Promise<T>) {
    const taken = await slots.acquire();
    try {
      return await fn();
    } finally {
      current = null;
      slots.release(taken);
    }
  }

  return {
    transaction: (prelude, fn) =>
      inSlot(async () => {
        let committed = true;
        try {
          const result = await pglite.transaction(async (tx) => {
            current = tx;
            // In process there is no round trip to save; observed as PostgreSQL's would be.
            observe(`BEGIN;\n${prelude}`, 1 + statementCount(prelude));
            const rows = ((await tx.exec(prelude)).at(-1)?.rows ?? []) as Row[];
            const value = await fn(slot, rows);
            // PGlite commits after the callback; one a failed statement aborted rolls back instead.
            committed = await tx.query('SELECT 1').then(
              () => true,
              () => false,
            );
            observe('COMMIT', 1);
            return value;
          });
          return { result, committed };
        } catch (error) {
          observe('ROLLBACK', 1);
          throw error;
        }
      }),
    autocommit: (fn) =>
      inSlot(() => {
        current = pglite;
        return fn(slot);
      }),
    close: () => prisma.$disconnect(),
  };
}
