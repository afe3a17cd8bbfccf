// Opens the database in one of its two modes (design.md): PGlite in-process when
// no DATABASE_URL is set, PostgreSQL through adapter-pg otherwise. Same
// migrations, same policies, same generated client.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, type SqlRunner } from './migrate.js';

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
  /** Called with every statement sent to the database (the benchmark counts them). */
  onStatement?: (sql: string) => void;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  if (options.onStatement) {
    const count = options.onStatement;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        count(sqlText(args[0]));
        return query(...args);
      };
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
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
  if (options.onStatement) countPgliteStatements(pglite, options.onStatement);
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

function sqlText(query: unknown): string {
  return typeof query === 'string' ? query : ((query as { text?: string })?.text ?? '');
}

function countPgliteStatements(pglite: PGlite, count: (sql: string) => void) {
  const query = pglite.query.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = ((...args: Parameters<typeof query>) => {
    count(args[0]);
    return query(...args);
  }) as typeof pglite.query;
  pglite.transaction = ((fn: Parameters<typeof transaction>[0]) => {
    count('BEGIN');
    return transaction(async (tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = ((...args: Parameters<typeof txQuery>) => {
        count(args[0]);
        return txQuery(...args);
      }) as typeof tx.query;
      try {
        return await fn(tx);
      } finally {
        count('COMMIT'); // or ROLLBACK
      }
    });
  }) as typeof pglite.transaction;
}
