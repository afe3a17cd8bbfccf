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
import {
  pgliteRequestConnections,
  postgresRequestConnections,
  type RequestConnections,
  type StatementObserver,
} from './request-connections.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  /**
   * The owner's client, outside any request: seeding, tests, the benchmark.
   * Requests never use it; they run on `connections` (tenancy/session.ts).
   */
  prisma: PrismaClient;
  /** The connections requests run on, each in a transaction of its own. */
  connections: RequestConnections;
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
  /** Sees every round trip of a request connection (tests and the benchmark count them). */
  onStatement?: StatementObserver;
  /** Request connections (PostgreSQL); PGlite has one. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const connections = postgresRequestConnections({
    url,
    size: options.poolSize ?? 10,
    observe: options.onStatement ?? (() => {}),
    statementName,
  });
  const ownerPool = new pg.Pool({ connectionString: url, max: 2 });
  ownerPool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(ownerPool) });
  return {
    kind: 'postgres',
    prisma,
    connections,
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
      await connections.close();
      await prisma.$disconnect();
      await ownerPool.end();
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite(options.dataDir ?? undefined);
  await pglite.waitReady;
  const connections = pgliteRequestConnections(pglite, options.onStatement ?? (() => {}));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const runner: SqlRunner = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  };
  return {
    kind: 'pglite',
    prisma,
    connections,
    migrate: () => applyMigrations(runner),
    async close() {
      await connections.close();
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 5_000;

/**
 * Named prepared statements for Prisma's parameterized queries: PostgreSQL
 * parses and plans each distinct query once per connection instead of once per
 * execution (RLS makes planning dearer). Literal SQL (the prelude, savepoints)
 * is never prepared.
 */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('base64url')}`;
    if (statementNames.size < MAX_STATEMENT_NAMES) statementNames.set(sql, name);
  }
  return name;
}
