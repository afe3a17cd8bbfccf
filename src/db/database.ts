// Opens the database in one of its two modes (design.md): PGlite in-process when
// no DATABASE_URL is set, PostgreSQL through adapter-pg otherwise. Same
// migrations, same policies, same generated client.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, type SqlRunner } from './migrate.js';
import { takeTransactionPrelude } from './transaction-prelude.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  /** The plain client. Only src/db/ uses it: tenancy.ts wraps it per request. */
  prisma: PrismaClient;
  /** Applies pending migrations as the owner role. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL, or null for PGlite. */
  url: string | null;
  /** Owner role for migrations (PostgreSQL); defaults to url. */
  adminUrl?: string | null;
  /** PGlite data directory; null keeps it in memory. */
  dataDir?: string | null;
  /**
   * Called for every round trip to the database with its SQL and the number of
   * statements in it (more than one when a prelude rides with BEGIN).
   */
  onStatement?: (sql: string, statements: number) => void;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection that drops (server restart, DROP DATABASE) must not
  // crash the process: the pool replaces it and the next query reports it.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (config: unknown, ...rest: unknown[]) => Promise<unknown>;
    (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
      const text = sqlText(config);
      const prelude = text === 'BEGIN' ? takeTransactionPrelude() : null;
      if (!prelude) {
        options.onStatement?.(text, 1);
        return query(config, ...rest);
      }
      // One simple-protocol round trip: BEGIN, then the prelude; the adapter
      // sees BEGIN's result, the prelude keeps its last statement's rows.
      const combined = ['BEGIN', ...prelude.statements].join(';\n');
      options.onStatement?.(combined, 1 + prelude.statements.length);
      return query({ ...(config as object), name: undefined, text: combined, values: [], rowMode: undefined }).then(
        (results) => {
          const all = results as pg.QueryResult[];
          prelude.rows = all.at(-1)!.rows;
          return all[0];
        },
      );
    };
  });
  const prisma = new PrismaClient({
    // Only Prisma's parameterized queries: utility statements and inlined-literal
    // lookups would each become a prepared statement kept for the connection's life.
    adapter: new PrismaPg(pool, {
      statementNameGenerator: (query) =>
        query.args.length ? statementName(query.sql) : (undefined as unknown as string),
    }),
  });
  return {
    kind: 'postgres',
    prisma,
    async migrate() {
      const admin = new pg.Client({ connectionString: options.adminUrl ?? url });
      await admin.connect();
      try {
        return await applyMigrations({
          exec: async (sql) => void (await admin.query(sql)),
          query: async (sql, params) => (await admin.query(sql, params as unknown[])).rows,
        });
      } finally {
        await admin.end();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite(options.dataDir ?? undefined);
  await pglite.waitReady;
  instrumentPglite(pglite, options.onStatement ?? (() => {}));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const runner: SqlRunner = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  };
  return {
    kind: 'pglite',
    prisma,
    migrate: () => applyMigrations(runner),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 5_000;

/**
 * Named prepared statements: PostgreSQL parses and plans each distinct query
 * once per connection instead of once per execution (RLS makes planning dearer).
 */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('base64url')}`;
    if (statementNames.size < MAX_STATEMENT_NAMES) statementNames.set(sql, name);
  }
  return name;
}

function sqlText(query: unknown): string {
  return typeof query === 'string' ? query : ((query as { text?: string })?.text ?? '');
}

/** Runs transaction preludes (see transaction-prelude.ts) and counts statements. */
function instrumentPglite(pglite: PGlite, count: (sql: string, statements: number) => void) {
  const query = pglite.query.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = ((...args: Parameters<typeof query>) => {
    count(args[0], 1);
    return query(...args);
  }) as typeof pglite.query;
  pglite.transaction = ((fn: Parameters<typeof transaction>[0]) => {
    const prelude = takeTransactionPrelude();
    count('BEGIN', 1);
    return transaction(async (tx) => {
      if (prelude) {
        count(prelude.statements.join(';\n'), prelude.statements.length);
        const results = await tx.exec(prelude.statements.join(';\n'));
        prelude.rows = results.at(-1)!.rows as Record<string, unknown>[];
      }
      const txQuery = tx.query.bind(tx);
      tx.query = ((...args: Parameters<typeof txQuery>) => {
        count(args[0], 1);
        return txQuery(...args);
      }) as typeof tx.query;
      try {
        return await fn(tx);
      } finally {
        count('COMMIT', 1); // or ROLLBACK
      }
    });
  }) as typeof pglite.transaction;
}
