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
  /** Moves the request's deadline (epoch ms): no statement starts after it. */
  setDeadline(deadline: number): void;
}

/** Who a request counts against (its tenant's share of the pool) and when it must be done. */
export interface RequestTicket {
  /** The tenant it acts for, as far as it is known before the database is asked. */
  readonly tenant: string;
  /** Epoch ms: waiting for a connection and every statement end by then. */
  readonly deadline: number;
}

export interface RequestConnections {
  /**
   * Runs `fn` in a transaction of its own connection. `prelude` (literal SQL,
   * one or more statements) runs with BEGIN in the same round trip and its last
   * statement's rows go to `fn`. Rolled back when `fn` throws; `committed` is
   * false when PostgreSQL rolled it back at COMMIT (a statement failed unhandled).
   * ServiceUnavailable when no connection came in time, the deadline passed, or
   * a statement timed out, waited too long for a lock, or lost the database.
   */
  transaction<T>(
    ticket: RequestTicket,
    prelude: string,
    fn: (conn: RequestConnection, preludeRows: Row[]) => Promise<T>,
    /** Literal SQL to run with COMMIT, in its round trip, once `fn` is done (e.g. deferred audit rows); null: none. */
    beforeCommit?: () => string | null,
  ): Promise<{ result: T; committed: boolean }>;
  /** Runs `fn` on a connection of its own without a transaction (the walls-off baseline). */
  autocommit<T>(ticket: RequestTicket, fn: (conn: RequestConnection) => Promise<T>): Promise<T>;
  /** Connections held by requests and requests waiting for one, now (metrics). */
  usage(): PoolUsage;
  close(): Promise<void>;
}

export interface PoolUsage {
  readonly size: number;
  readonly inUse: number;
  readonly waiting: number;
}

/** How a process shares its connections between tenants. */
export interface PoolLimits {
  /** Connections of the process. */
  readonly size: number;
  /** Connections one tenant holds at once; its further requests wait for one of its own. */
  readonly perTenant: number;
}

/**
 * The service can't answer this request in time: no connection came before
 * its deadline, the deadline passed, a statement hit statement_timeout or
 * lock_timeout, or the database is unreachable. Answered with HTTP 503 and
 * Retry-After (never a masked 500); the transaction is rolled back.
 */
export class ServiceUnavailable extends Error {}

/** PostgreSQL's codes for "not now": timeouts, lock waits, deadlock, shutdown, no connection. */
const UNAVAILABLE_CODES = new Set(['57014', '55P03', '40P01', '53300', '57P01', '57P02', '57P03']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Whether a driver error means the database can't serve now (not a bug, not bad input). */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof ServiceUnavailable) return true;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message ?? '');
}

/** Statements a Prisma client must never send on a request connection. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK(?!\s+TO\b)|ABORT)\b/i;

export class ConnectionNotInRequest extends Error {}

function refuseTransactionControl(sql: string) {
  if (TRANSACTION_CONTROL.test(sql)) {
    throw new ConnectionNotInRequest(`Prisma sent ${sql.trim().split(/\s/)[0]} on a request connection`);
  }
}

/** A script's answer: the rows of its last statement that has columns (a SELECT, not the SAVEPOINT after it). */
function lastRows(results: readonly { rows: unknown[]; fields: readonly unknown[] }[]): Row[] {
  return (results.findLast((result) => result.fields.length > 0)?.rows ?? []) as Row[];
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

/**
 * Hands out up to `size` slots, at most `perTenant` to one tenant at once.
 * A request that can't have one waits, until its deadline, in one queue in
 * arrival order; a freed slot goes to the first waiter whose tenant is under
 * its share, so one tenant's stuck requests never hold back the others'.
 */
class SlotQueue<S> {
  readonly #free: S[] = [];
  readonly #waiting: { tenant: string; take: () => void }[] = [];
  readonly #held = new Map<string, number>();
  #made = 0;

  constructor(
    private readonly limits: PoolLimits,
    private readonly make: () => S,
  ) {}

  #mayTake(tenant: string): boolean {
    return (
      (this.#held.get(tenant) ?? 0) < this.limits.perTenant && (this.#free.length > 0 || this.#made < this.limits.size)
    );
  }

  #take(tenant: string): S {
    this.#held.set(tenant, (this.#held.get(tenant) ?? 0) + 1);
    return this.#free.pop() ?? (this.#made++, this.make());
  }

  acquire({ tenant, deadline }: RequestTicket): Promise<S> {
    if (this.#mayTake(tenant)) return Promise.resolve(this.#take(tenant));
    return new Promise((resolve, reject) => {
      const waiter = {
        tenant,
        take: () => {
          clearTimeout(timer);
          resolve(this.#take(tenant));
        },
      };
      const timer = setTimeout(
        () => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          reject(new ServiceUnavailable('no database connection became free before the request deadline'));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.#waiting.push(waiter);
    });
  }

  usage(): PoolUsage {
    let inUse = 0;
    for (const held of this.#held.values()) inUse += held;
    return { size: this.limits.size, inUse, waiting: this.#waiting.length };
  }

  release(slot: S, tenant: string) {
    const held = this.#held.get(tenant)! - 1;
    if (held) this.#held.set(tenant, held);
    else this.#held.delete(tenant);
    this.#free.push(slot);
    const next = this.#waiting.findIndex((w) => this.#mayTake(w.tenant));
    if (next >= 0) this.#waiting.splice(next, 1)[0]!.take();
  }
}

// ---- PostgreSQL -------------------------------------------------------------

/**
 * What a request's statements share on its connection: their order (one at
 * a time, as a connection runs them; pg 9 will no longer queue them itself),
 * the deadline no statement may start after, and the first "not now" error
 * any of them met (Prisma wraps driver errors; this keeps the driver's own).
 */
class RequestWatch {
  deadline = Infinity;
  unavailable: unknown = null;
  /** The request's statements, one after another (Prisma may send several at once). */
  #queue: Promise<unknown> = Promise.resolve();

  check() {
    if (Date.now() > this.deadline) throw (this.unavailable ??= new ServiceUnavailable('the request deadline passed'));
  }

  /** Runs `run` once the statements before it are done, no later than the deadline. */
  watch<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(async () => {
      this.check();
      try {
        return await run();
      } catch (error) {
        if (isUnavailable(error)) this.unavailable ??= error;
        throw error;
      }
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  reset() {
    this.deadline = Infinity;
    this.unavailable = null;
    this.#queue = Promise.resolve();
  }
}

/**
 * The pool PrismaPg is given for one slot: it pools nothing, it sends every
 * query to the connection the slot's request checked out, and fails closed
 * when there is none (a query outside any request never runs on a random
 * connection, as whatever role DATABASE_URL names).
 */
class SlotBoundPool extends pg.Pool {
  connection: pg.PoolClient | null = null;
  readonly request = new RequestWatch();

  constructor(private readonly observe: StatementObserver) {
    super({ max: 1 });
  }

  // @ts-expect-error pg's overloads: PrismaPg calls query(config) and awaits it.
  override query(config: pg.QueryConfig) {
    const connection = this.connection;
    if (!connection) throw new ConnectionNotInRequest('a request query ran outside its request');
    refuseTransactionControl(config.text);
    this.observe(config.text, 1);
    return this.request.watch(() => connection.query(config));
  }

  override connect(): never {
    throw new ConnectionNotInRequest('PrismaPg asked for a connection of its own on a request connection');
  }
}

export interface PostgresConnectionOptions {
  url: string;
  limits: PoolLimits;
  observe: StatementObserver;
  /** Named prepared statements for Prisma's parameterized queries (see database.ts). */
  statementName: (sql: string) => string | undefined;
}

export function postgresRequestConnections(options: PostgresConnectionOptions): RequestConnections {
  const pool = new pg.Pool({ connectionString: options.url, max: options.limits.size });
  // An idle connection that drops (server restart, DROP DATABASE) must not
  // crash the process: the pool replaces it and the next request reports it.
  pool.on('error', () => {});
  const clients: PrismaClient[] = [];

  interface Slot extends RequestConnection {
    readonly bound: SlotBoundPool;
  }
  const slots = new SlotQueue<Slot>(options.limits, () => {
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
        const result = (await bound.request.watch(() => connection.query(sql))) as pg.QueryResult | pg.QueryResult[];
        return lastRows(Array.isArray(result) ? result : [result]);
      },
      setDeadline(deadline) {
        bound.request.deadline = deadline;
      },
    };
  });

  /** `fn` gets the slot and a way to say the connection is clean again after a failure. */
  async function withConnection<T>(
    ticket: RequestTicket,
    fn: (slot: Slot, cleanedUp: () => void) => Promise<T>,
  ): Promise<T> {
    const slot = await slots.acquire(ticket);
    let connection: pg.PoolClient | null = null;
    let clean = false;
    try {
      try {
        connection = await pool.connect();
      } catch (error) {
        throw isUnavailable(error) ? new ServiceUnavailable('the database is unreachable', { cause: error }) : error;
      }
      slot.bound.connection = connection;
      slot.bound.request.deadline = ticket.deadline;
      const result = await fn(slot, () => (clean = true));
      connection.release();
      return result;
    } catch (error) {
      // A connection left in an unknown state (mid-transaction, broken) is not reused.
      connection?.release(clean ? undefined : (error as Error));
      throw error;
    } finally {
      slot.bound.connection = null;
      slot.bound.request.reset();
      slots.release(slot, ticket.tenant);
    }
  }

  return {
    transaction: (ticket, prelude, fn, beforeCommit) =>
      withConnection(ticket, async (slot, cleanedUp) => {
        const { request } = slot.bound;
        let result;
        let final: string | null = null;
        try {
          const rows = await slot.script(`BEGIN;\n${prelude}`);
          result = await fn(slot, rows);
          // A statement that timed out or lost the database fails the whole request.
          if (request.unavailable) throw request.unavailable;
          final = beforeCommit?.() ?? null;
        } catch (error) {
          const unavailable = request.unavailable ?? (isUnavailable(error) ? error : null);
          request.deadline = Infinity; // the cleanup runs whatever the deadline
          await slot.script('ROLLBACK').then(cleanedUp, () => {});
          if (unavailable) throw asUnavailable(unavailable);
          throw error;
        }
        const commit = final ? `${final};\nCOMMIT` : 'COMMIT';
        options.observe(commit, statementCount(commit));
        const ended = await slot.bound.connection!.query(commit).catch((error: unknown) => {
          throw isUnavailable(error) ? asUnavailable(error) : error;
        });
        const end = (Array.isArray(ended) ? ended.at(-1) : ended) as pg.QueryResult;
        return { result, committed: end.command === 'COMMIT' };
      }),
    autocommit: (ticket, fn) => withConnection(ticket, (slot) => fn(slot)),
    usage: () => slots.usage(),
    async close() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await pool.end();
    },
  };
}

function asUnavailable(error: unknown): ServiceUnavailable {
  return error instanceof ServiceUnavailable
    ? error
    : new ServiceUnavailable('the database could not answer in time', { cause: error });
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
      return lastRows(await session().exec(sql));
    },
    // In process, one request at a time: a deadline bounds only the wait for the slot.
    setDeadline() {},
  };
  const slots = new SlotQueue({ size: 1, perTenant: 1 }, () => slot);

  async function inSlot<T>(ticket: RequestTicket, fn: () => Promise<T>) {
    const taken = await slots.acquire(ticket);
    try {
      return await fn();
    } finally {
      current = null;
      slots.release(taken, ticket.tenant);
    }
  }

  return {
    transaction: (ticket, prelude, fn, beforeCommit) =>
      inSlot(ticket, async () => {
        let committed = true;
        try {
          const result = await pglite.transaction(async (tx) => {
            current = tx;
            // In process there is no round trip to save; observed as PostgreSQL's would be.
            observe(`BEGIN;\n${prelude}`, 1 + statementCount(prelude));
            const rows = lastRows(await tx.exec(prelude));
            const value = await fn(slot, rows);
            const final = beforeCommit?.();
            if (final) {
              observe(final, statementCount(final));
              await tx.exec(final);
            }
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
    autocommit: (ticket, fn) =>
      inSlot(ticket, () => {
        current = pglite;
        return fn(slot);
      }),
    usage: () => slots.usage(),
    close: () => prisma.$disconnect(),
  };
}
