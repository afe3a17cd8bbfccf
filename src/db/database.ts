// Opens the database in one of its two modes (design.md): PGlite in-process when
// no DATABASE_URL is set, PostgreSQL through adapter-pg otherwise. Same
// migrations, same policies, same generated client.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { TENANT_ROLE } from '../tenancy/org-scope.js';
import { templateFor } from './embedded-template.js';
import { applyMigrations, migrationStatus, type SqlRunner } from './migrate.js';
import {
  pgliteRequestConnections,
  postgresRequestConnections,
  type RequestConnections,
  type PoolLimits,
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
  /** Applied and pending migrations (read as the owner role). */
  migrationStatus(): Promise<{ applied: string[]; pending: string[] }>;
  /** Why the server's role can't switch to the tenant role (with the SQL that fixes it), or null. */
  tenantRoleProblem(): Promise<string | null>;
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
  /** Request connections (PostgreSQL; PGlite has one) and one tenant's share of them. */
  pool?: Partial<PoolLimits>;
  /**
   * Named prepared statements (default true). Off for a pooler in transaction
   * mode that can't keep them, such as PgBouncer before 1.21: each statement is
   * then parsed and planned where it runs.
   */
  preparedStatements?: boolean;
}

/** 10 connections, and one tenant holds at most half of them unless told otherwise. */
export function poolLimits(given: Partial<PoolLimits> = {}): PoolLimits {
  const size = given.size ?? 10;
  return { size, perTenant: Math.min(size, given.perTenant ?? Math.max(1, Math.floor(size / 2))) };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const connections = postgresRequestConnections({
    url,
    limits: poolLimits(options.pool),
    observe: options.onStatement ?? (() => {}),
    statementName: options.preparedStatements === false ? () => undefined : statementName,
  });
  // Made when first used (tests, seeding): a server never needs it.
  let owner: { pool: pg.Pool; prisma: PrismaClient } | null = null;
  const asOwner = async <T>(fn: (db: SqlRunner) => Promise<T>): Promise<T> => {
    const admin = new pg.Client({ connectionString: options.adminUrl ?? url });
    await admin.connect();
    try {
      return await fn({
        exec: async (sql) => void (await admin.query(sql)),
        query: async (sql, params) => (await admin.query(sql, params as unknown[])).rows,
      });
    } finally {
      await admin.end();
    }
  };
  const ownerClient = () => {
    if (!owner) {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', () => {});
      owner = { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
    }
    return owner.prisma;
  };
  return {
    kind: 'postgres',
    get prisma() {
      return ownerClient();
    },
    connections,
    migrate: () => asOwner(applyMigrations),
    migrationStatus: () => asOwner(migrationStatus),
    async tenantRoleProblem() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ user: string; exists: boolean; member: boolean | null }>(
          `SELECT current_user AS user, r.oid IS NOT NULL AS exists,
             CASE WHEN r.oid IS NOT NULL THEN pg_has_role(current_user, r.oid, 'MEMBER') END AS member
           FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = '${TENANT_ROLE}'`,
        );
        const { user, exists, member } = rows[0]!;
        if (exists && member) return null;
        const create = exists ? '' : `CREATE ROLE ${TENANT_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; `;
        return `The role "${user}" (DATABASE_URL) can't switch to ${TENANT_ROLE}: as a superuser, run  ${create}GRANT ${TENANT_ROLE} TO "${user}";`;
      } finally {
        await client.end();
      }
    },
    async close() {
      await connections.close();
      if (owner) {
        await owner.prisma.$disconnect();
        await owner.pool.end();
      }
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Imported only in this mode: PGlite is PostgreSQL compiled to WASM, a large module.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  // A first start copies the migrated template when there is one (embedded-template.ts).
  const template = options.dataDir ? templateFor(options.dataDir) : null;
  const pglite = new PGlite(options.dataDir ?? undefined, template ? { loadDataDir: template } : {});
  await pglite.waitReady;
  const connections = await pgliteRequestConnections(pglite, options.onStatement ?? (() => {}));
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
    migrationStatus: () => migrationStatus(runner),
    tenantRoleProblem: async () => null, // PGlite's one user is a superuser; the first migration made the role
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
