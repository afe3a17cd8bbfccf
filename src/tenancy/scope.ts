// Tenancy, both walls (design.md):
//  1. the org-scope Prisma extension: every operation on an org-owned model
//     (one with an `orgId` field) gets the request's org added to its filter or
//     data, and throws when no org is in scope (fail closed);
//  2. row-level security: each request runs in ONE transaction that switches to
//     the tenant role and sets the org/user settings once, so isolation costs a
//     BEGIN, one settings statement and a COMMIT per request, not per query, and
//     a mutation's writes stay atomic (savepoints, see atomically()).
// TENANCY_WALLS turns either wall off, for tests and the benchmark only.
import type { TenancyWalls } from '../config.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { getDatamodel } from '../generated/pothos-types.js';
import {
  requestStore,
  sqlLiteral,
  withRequestStore,
  withTransactionPrelude,
  type TransactionPrelude,
} from '../db/transaction-prelude.js';

export const TENANT_ROLE = 'orgraph_tenant';

const orgOwnedModels: ReadonlySet<string> = new Set(
  Object.entries(getDatamodel().datamodel.models)
    .filter(([, model]) => model.fields.some((f) => f.name === 'orgId'))
    .map(([name]) => name),
);

export function isOrgOwned(model: string): boolean {
  return orgOwnedModels.has(model);
}

/** What the org-scope extension reads: bound per request, changed only by cross-tenant.ts. */
export interface OrgScope {
  readonly orgId: string | null;
  /** Set only inside cross-tenant operations: RLS (keyed on the user) guards them. */
  readonly crossTenant?: boolean;
}

export function runWithOrgScope<T>(scope: OrgScope, fn: () => T): T {
  return withRequestStore({ orgScope: scope }, fn);
}

function currentOrgScope(): OrgScope | undefined {
  return requestStore.getStore()?.orgScope as OrgScope | undefined;
}

export class TenancyViolation extends Error {}

const WHERE_OPS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'upsert',
]);
/** What a read returns when the request has no org: nothing. */
const NOTHING_VISIBLE: Record<string, null | never[]> = { findUnique: null, findFirst: null, findMany: [] };

const UNIQUE_OPS = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete', 'upsert']);

function withOrg(data: unknown, orgId: string, model: string) {
  const record = data as Record<string, unknown>;
  if (record.orgId !== undefined && record.orgId !== orgId) {
    throw new TenancyViolation(`${model}: orgId must be the request's organization`);
  }
  if (record.org !== undefined) throw new TenancyViolation(`${model}: set orgId, not the org relation`);
  return { ...record, orgId };
}

function forbidOrgChange(data: unknown, model: string) {
  const record = (data ?? {}) as Record<string, unknown>;
  if ('orgId' in record || 'org' in record) throw new TenancyViolation(`${model}: org_id is immutable`);
}

/** Adds the org in scope to every operation on an org-owned model. */
export const orgScopeExtension = Prisma.defineExtension({
  name: 'orgScope',
  query: {
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        if (!model || !orgOwnedModels.has(model)) return query(args);
        const scope = currentOrgScope();
        if (scope?.crossTenant) return query(args);
        const orgId = scope?.orgId;
        if (!orgId) {
          // A request that selected no org sees no org-owned rows (node(id), say);
          // anything else without an org (writes, or no scope bound at all) is a bug.
          if (scope && operation in NOTHING_VISIBLE) return Promise.resolve(NOTHING_VISIBLE[operation]);
          throw new TenancyViolation(`${model}.${operation} outside an organization scope`);
        }
        const a = { ...(args as Record<string, unknown>) };
        if (WHERE_OPS.has(operation)) {
          // Unique lookups keep their unique keys at the top level; the org is an
          // extra equality there (Prisma's extended unique where).
          a.where = UNIQUE_OPS.has(operation) ? { ...(a.where as object), orgId } : { AND: [a.where ?? {}, { orgId }] };
        }
        switch (operation) {
          case 'create':
            a.data = withOrg(a.data, orgId, model);
            break;
          case 'createMany':
          case 'createManyAndReturn':
            a.data = Array.isArray(a.data)
              ? a.data.map((d) => withOrg(d, orgId, model))
              : withOrg(a.data, orgId, model);
            break;
          case 'upsert':
            a.create = withOrg(a.create, orgId, model);
            forbidOrgChange(a.update, model);
            break;
          case 'update':
          case 'updateMany':
          case 'updateManyAndReturn':
            forbidOrgChange(a.data, model);
            break;
        }
        return query(a);
      },
    },
  },
});

export type ScopedClient = Omit<PrismaClient, '$extends' | '$connect' | '$disconnect' | '$on' | '$transaction'>;

export interface TenantSettings {
  userId: string | null;
  /** Only a verified email, so invitations match only proven addresses. */
  userEmail: string | null;
  apiKeyPublicId: string | null;
}

export interface RequestDatabase {
  readonly walls: TenancyWalls;
  /** The client every resolver uses; in a transaction unless walls are `none`. */
  readonly client: ScopedClient;
  /** Sets the org for RLS (the extension reads it from the org scope). */
  setOrg(orgId: string | null): Promise<void>;
  readonly inTransaction: boolean;
  /** Runs `effect` once the request's writes are committed (emails), never before. */
  afterCommit(effect: () => Promise<void>): void;
}

export interface Tenancy {
  readonly walls: TenancyWalls;
  /** Whether requests run under RLS (tenant role and settings). */
  readonly rls: boolean;
  /**
   * Runs one request: a transaction with the tenant role and settings applied.
   * `lookup`, a query of inlined literals that resolves the caller (their org,
   * their key), runs first, under those settings; `fn` gets its rows.
   */
  run<T>(
    settings: TenantSettings,
    fn: (db: RequestDatabase, lookupRows: Record<string, unknown>[]) => Promise<T>,
    lookup?: string | null,
  ): Promise<T>;
}

function settingsStatement(settings: TenantSettings): string {
  const set = (name: string, value: string | null) =>
    `set_config(${sqlLiteral(name)}, ${sqlLiteral(value ?? '')}, true)`;
  return `SELECT ${set('role', TENANT_ROLE)}, ${set('app.user_id', settings.userId)}, ${set('app.user_email', settings.userEmail)}, ${set('app.api_key', settings.apiKeyPublicId)}`;
}

export function createTenancy(prisma: PrismaClient, walls: TenancyWalls): Tenancy {
  const appWall = walls === 'both' || walls === 'app-only';
  const rlsWall = walls === 'both' || walls === 'rls-only';
  const scoped = appWall ? (prisma.$extends(orgScopeExtension) as unknown as PrismaClient) : prisma;

  return {
    walls,
    rls: rlsWall,
    async run(settings, fn, lookup = null) {
      const effects: (() => Promise<void>)[] = [];
      const afterCommit = (effect: () => Promise<void>) => void effects.push(effect);
      let result;
      if (walls === 'none') {
        const rows = lookup ? await prisma.$queryRawUnsafe<Record<string, unknown>[]>(lookup) : [];
        const db = { walls, client: prisma, inTransaction: false, setOrg: async () => {}, afterCommit };
        result = await fn(db, rows);
      } else {
        result = await inTransaction(settings, lookup, (tx, rows) =>
          fn(
            {
              walls,
              client: tx,
              inTransaction: true,
              afterCommit,
              setOrg: async (orgId) => {
                if (rlsWall) await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId ?? ''}, true)`;
              },
            },
            rows,
          ),
        );
      }
      for (const effect of effects) await effect();
      return result;
    },
  };

  async function inTransaction<T>(
    settings: TenantSettings,
    lookup: string | null,
    fn: (tx: ScopedClient, lookupRows: Record<string, unknown>[]) => Promise<T>,
  ): Promise<T> {
    const options = { maxWait: 10_000, timeout: 30_000 };
    if (!rlsWall) {
      return scoped.$transaction(async (tx) => {
        const rows = lookup ? await tx.$queryRawUnsafe<Record<string, unknown>[]>(lookup) : [];
        return fn(tx, rows);
      }, options);
    }
    // The role switch, the settings and the lookup ride with BEGIN.
    const prelude: TransactionPrelude = {
      statements: lookup ? [settingsStatement(settings), lookup] : [settingsStatement(settings)],
    };
    return withTransactionPrelude(prelude, () =>
      scoped.$transaction(async (tx) => {
        // Fail closed: never run a request outside the tenant role.
        if (!prelude.rows) throw new TenancyViolation('the transaction began without the tenant prelude');
        return fn(tx, lookup ? prelude.rows : []);
      }, options),
    );
  }
}

/**
 * Runs a mutation's writes atomically inside the request transaction: a
 * savepoint that is rolled back when `fn` throws or reports userErrors.
 */
export async function atomically<T>(db: RequestDatabase, fn: () => Promise<T>): Promise<T> {
  if (!db.inTransaction) return fn(); // TENANCY_WALLS=none: benchmark baseline, no transaction at all
  // One name for every savepoint: PostgreSQL stacks same-named savepoints.
  const name = 'mutation';
  await db.client.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await db.client.$executeRawUnsafe(
      (result as { userErrors?: unknown[] } | null)?.userErrors?.length
        ? `ROLLBACK TO SAVEPOINT ${name}`
        : `RELEASE SAVEPOINT ${name}`,
    );
    return result;
  } catch (error) {
    await db.client.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
