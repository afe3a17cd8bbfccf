// The tenant session: one per request, opened before the resolvers run and
// closed after them (design.md, "Request flow"). It holds who is calling, the
// active organization with the caller's role, the org-bound client resolvers
// read and write through, `atomically` for a mutation's writes, and effects to
// run once the request commits.
//
// Opening it is one round trip: BEGIN, the request's timeouts, the switch to
// the tenant role and app_open_request() (migration 20261201000000) travel
// together; the function resolves the credential and the active organization
// and sets the RLS settings, and the session binds the same organization in
// the org-scope extension: both walls from one answer. Only `bindOrg` moves
// the binding later, and it moves both walls together.
//
// A request's writes commit together or not at all: each mutation runs in a
// savepoint of the request's transaction (`atomically`), and a request that
// ends without data is rolled back whole (`abandon`). A mutation costs few
// round trips: its first savepoint opens with the transaction, and its audit
// rows ride with COMMIT (`recordAudit`). Its time is bounded
// (RequestTimeouts) and its connection counts against its tenant's share of
// the pool (db/request-connections.ts).
import type { Credential } from '../auth/credentials.js';
import type { UserClaims } from '../auth/jwt.js';
import type { RequestConnection, RequestConnections, Row } from '../db/request-connections.js';
import { sqlLiteral } from '../db/sql-literal.js';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { apiError } from '../errors.js';
import { forgetSecrets, runIdempotently, type IdempotencyAccess, type Pending } from '../idempotency.js';
import type { Rate } from '../limits.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ApiKeyScope, MembershipRole } from '../generated/prisma/enums.js';
import { CrossTenant } from './cross-tenant.js';
import { delegateName, orgScopeExtension, TENANT_ROLE, TenancyViolation, type TenantBinding } from './org-scope.js';
import { hasAppWall, hasRlsWall, type Walls } from './walls.js';

/** An audit_events row (src/lib/audit.ts). */
export interface AuditRow {
  readonly orgId: string;
  readonly action: string;
  readonly actorId: string | null;
  readonly apiKeyId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
}

export interface ViewerUser {
  readonly id: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string | null;
}

export interface ViewerApiKey {
  readonly id: string;
  readonly orgId: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The key's own request limit; null: the operator's (src/limits.ts). */
  readonly rate: Rate | null;
}

export interface ActiveOrg {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The signed-in user's membership; null for an API key. */
  readonly membership: { readonly id: string; readonly role: MembershipRole } | null;
}

type Delegates = { readonly [M in Prisma.ModelName as Uncapitalize<M>]: PrismaClient[Uncapitalize<M>] };

/**
 * The client resolvers get: the model delegates, bound to the request's
 * organization and transaction. No raw SQL, no transactions, no extensions.
 */
export type OrgScopedClient = Delegates;

const DELEGATE_NAMES = Object.values(Prisma.ModelName).map((model) => delegateName(model) as keyof Delegates);

/**
 * Per request connection, made once: its org-scoped client, and the binding
 * that client reads. A connection serves one request at a time, so the
 * binding is that request's (extending a client per request costs more than
 * the rest of the tenancy).
 */
interface ConnectionClients {
  binding: TenantBinding;
  readonly scoped: PrismaClient;
}
const connectionClients = new WeakMap<RequestConnection, ConnectionClients>();

function clientsOf(conn: RequestConnection): ConnectionClients {
  let clients = connectionClients.get(conn);
  if (!clients) {
    const made: ConnectionClients = {
      binding: UNBOUND,
      scoped: conn.prisma.$extends(orgScopeExtension(() => made.binding)) as unknown as PrismaClient,
    };
    clients = made;
    connectionClients.set(conn, clients);
  }
  return clients;
}

/** Carries a request's answer out of its transaction, which is rolled back (see abandon). */
class Abandoned {
  constructor(readonly result: unknown) {}
}

const UNBOUND: TenantBinding = Object.freeze({ orgId: null, userId: null, verifiedEmail: null });

/** Savepoints of successful mutations a request leaves open (see atomically); PostgreSQL caches 64 subtransactions per backend. */
const MAX_OPEN_SAVEPOINTS = 16;

/**
 * The delegates of `client` for one request: each refuses to be used once the
 * request has ended, so a client kept past its request reaches nothing rather
 * than a later request's transaction.
 */
function requestDelegates(client: PrismaClient, isOpen: () => boolean): Delegates {
  const live = (name: keyof Delegates) =>
    new Proxy(client[name] as object, {
      get(target, property) {
        if (!isOpen()) throw new TenancyViolation(`${name}: its request has ended`);
        return Reflect.get(target, property);
      },
    });
  return Object.freeze(Object.fromEntries(DELEGATE_NAMES.map((name) => [name, live(name)]))) as Delegates;
}

/** What CrossTenant may do beyond the org scope; handed to it by the session alone. */
export interface CrossTenantAccess {
  /** The request's transaction, without the org scope (RLS still applies). */
  readonly client: Delegates;
  /** Literal SQL on the request's connection. */
  script(sql: string): Promise<Row[]>;
  /** Binds both walls to `orgId` (null: none) until the returned function restores the previous org. */
  bindOrg(orgId: string | null): Promise<() => Promise<void>>;
}

export interface SessionOptions {
  walls: Walls;
  /** How long a request and its statements may take (defaults: REQUEST_TIMEOUTS). */
  timeouts?: RequestTimeouts;
}

/**
 * A request's time budget. PostgreSQL 15 has no transaction timeout: each
 * statement is bounded by statement_timeout and each lock wait by
 * lock_timeout (set for the transaction in the prelude), and the server
 * starts no statement after the request's deadline, counted from its start
 * and including the wait for a connection. Work that is long by nature
 * (deleting an organization) asks for the long budget (TenantSession.longWork).
 */
export interface RequestTimeouts {
  readonly statementMs: number;
  readonly lockMs: number;
  readonly requestMs: number;
  readonly longRequestMs: number;
}

export const REQUEST_TIMEOUTS: RequestTimeouts = Object.freeze({
  statementMs: 5_000,
  lockMs: 2_000,
  requestMs: 10_000,
  longRequestMs: 120_000,
});

/**
 * Whose share of the pool a request counts against, from what is known before
 * the database is asked: the organization it names (by slug), else the API
 * key, else the user (whose stored active organization only the database knows).
 */
function tenantOf(request: { credential: Credential; selectedSlug: string | null }): string {
  const { credential, selectedSlug } = request;
  if (selectedSlug) return `org:${selectedSlug}`;
  if (credential.kind === 'apiKey') return `key:${credential.publicId}`;
  if (credential.kind === 'user') return `user:${credential.claims.issuer}|${credential.claims.subject}`;
  return 'anonymous';
}

/**
 * The prelude's first statement: the request's timeouts and, with the
 * database wall, the tenant role and generic plans (planning a statement
 * under row-level security costs more than running it, and the statements are
 * the same for every request). Made once per set of options.
 */
const preludes = new WeakMap<SessionOptions, string>();
function preludeSettings(options: SessionOptions): string {
  let prelude = preludes.get(options);
  if (prelude === undefined) {
    const timeouts = options.timeouts ?? REQUEST_TIMEOUTS;
    const settings = [
      `set_config('statement_timeout', '${timeouts.statementMs}', true)`,
      `set_config('lock_timeout', '${timeouts.lockMs}', true)`,
      ...(hasRlsWall(options.walls)
        ? [`set_config('role', '${TENANT_ROLE}', true)`, `set_config('plan_cache_mode', 'force_generic_plan', true)`]
        : []),
    ];
    prelude = `SELECT ${settings.join(', ')};`;
    preludes.set(options, prelude);
  }
  return prelude;
}

/** Who the caller turned out to be, from app_open_request(). */
interface Opened {
  user: ViewerUser | null;
  apiKey: ViewerApiKey | null;
  org: ActiveOrg | null;
  orgSelected: boolean;
}

/** The rows app_open_request() returns (at most one). */
interface OpenedRow {
  user_id: string | null;
  user_email: string | null;
  user_email_verified: boolean | null;
  user_name: string | null;
  api_key_id: string | null;
  api_key_scopes: ApiKeyScope[] | null;
  api_key_refused: 'revoked' | 'expired' | 'rotated' | null;
  api_key_rate_per_second: number | null;
  api_key_rate_burst: number | null;
  org_id: string | null;
  org_slug: string | null;
  org_name: string | null;
  org_created_at: Date | string | null;
  org_updated_at: Date | string | null;
  membership_id: string | null;
  membership_role: MembershipRole | null;
}

/** The statement that opens a request for `credential` (see app_open_request). */
function openRequestSql(credential: Credential, slug: string | null): string {
  const claims: Partial<UserClaims> = credential.kind === 'user' ? credential.claims : {};
  const key = credential.kind === 'apiKey' ? credential : null;
  const args = [
    sqlLiteral(claims.issuer ?? null),
    sqlLiteral(claims.subject ?? null),
    sqlLiteral(claims.email ?? null),
    claims.emailVerified ? 'true' : 'false',
    sqlLiteral(claims.name ?? null),
    sqlLiteral(key?.publicId ?? null),
    sqlLiteral(key?.secretHash ?? null),
    sqlLiteral(slug),
  ];
  return `SELECT * FROM app_open_request(${args.join(', ')})`;
}

export class TenantSession {
  readonly walls: Walls;
  readonly user: ViewerUser | null;
  readonly apiKey: ViewerApiKey | null;
  /** Whether the caller selected an org at all (explicitly or as stored). */
  readonly orgSelected: boolean;
  /** Operations beyond the active organization, keyed on the caller. */
  readonly crossTenant: CrossTenant;
  #org: ActiveOrg | null;
  #open = true;
  readonly #conn: RequestConnection | null;
  /** The connection's org-scoped client and the binding it reads (null: anonymous, no connection). */
  readonly #bound: ConnectionClients | null;
  /** This request's delegates over its connection: org-bound (the app wall), and without it. */
  readonly #clients: { readonly scoped: Delegates; readonly raw: Delegates } | null;
  readonly #effects: (() => Promise<void>)[] = [];
  readonly #writeListeners: (() => void)[] = [];
  #openSavepoints = 0;
  /** Audit rows recorded and not yet written (see recordAudit). */
  readonly #pendingAudit: AuditRow[] = [];
  /** A savepoint the opening round trip made for the first mutation (see run's `mutation`). */
  #savepointReady = false;
  #abandoned = false;
  readonly #timeouts: RequestTimeouts;
  readonly #rightsListeners: (() => void)[] = [];

  private constructor(walls: Walls, timeouts: RequestTimeouts, conn: RequestConnection | null, opened: Opened) {
    this.walls = walls;
    this.#timeouts = timeouts;
    this.user = opened.user;
    this.apiKey = opened.apiKey;
    this.#org = opened.org;
    this.orgSelected = opened.orgSelected;
    this.#conn = conn;
    this.#bound = conn ? clientsOf(conn) : null;
    if (this.#bound) {
      this.#bound.binding = Object.freeze({
        orgId: opened.org?.id ?? null,
        userId: opened.user?.id ?? null,
        verifiedEmail: opened.user?.emailVerified ? opened.user.email : null,
      });
    }
    const isOpen = () => this.#open;
    this.#clients =
      conn && this.#bound
        ? { scoped: requestDelegates(this.#bound.scoped, isOpen), raw: requestDelegates(conn.prisma, isOpen) }
        : null;
    const access: CrossTenantAccess = {
      client: this.#clients?.raw ?? (noDatabase as unknown as Delegates),
      script: (sql) => this.#connection().script(sql),
      bindOrg: (orgId) => this.#bindOrg(orgId),
    };
    this.crossTenant = new CrossTenant(access, this);
  }

  /**
   * Opens a session for `credential`, runs `fn` in it, and closes it: commits
   * and then runs the after-commit effects, or rolls back when `fn` throws.
   * An anonymous caller takes no connection: nothing it may ask for needs one.
   */
  static async run<T>(
    connections: RequestConnections,
    options: SessionOptions,
    request: {
      credential: Credential;
      selectedSlug: string | null;
      /** A mutation whose first savepoint may open with the transaction (none around an Idempotency-Key's claim). */
      mutation?: boolean;
    },
    fn: (session: TenantSession) => Promise<T>,
  ): Promise<T> {
    const { walls } = options;
    const timeouts = options.timeouts ?? REQUEST_TIMEOUTS;
    if (request.credential.kind === 'none') {
      return fn(new TenantSession(walls, timeouts, null, { user: null, apiKey: null, org: null, orgSelected: false }));
    }
    const open = openRequestSql(request.credential, request.selectedSlug);
    let session: TenantSession | undefined;
    const inSession = async (conn: RequestConnection, rows: Row[]) => {
      session = new TenantSession(walls, timeouts, conn, openedFrom(request, rows as unknown as OpenedRow[]));
      session.#savepointReady = savepoint;
      try {
        const result = await fn(session);
        if (session.#abandoned) throw new Abandoned(result);
        return result;
      } finally {
        session.#open = false;
        if (session.#bound) session.#bound.binding = UNBOUND;
      }
    };
    const ticket = { tenant: tenantOf(request), deadline: Date.now() + timeouts.requestMs };
    const savepoint = walls !== 'none' && !!request.mutation;
    try {
      const { result, committed } =
        walls === 'none'
          ? // The benchmark's baseline: no transaction (so nothing to roll back either).
            {
              result: await connections.autocommit(ticket, async (conn) => inSession(conn, await conn.script(open))),
              committed: true,
            }
          : await connections.transaction(
              ticket,
              `${preludeSettings(options)}\n${open}${savepoint ? ';\nSAVEPOINT mutation' : ''}`,
              inSession,
              () => (session ? session.#auditSql() : null),
            );
      if (committed) await session!.#runEffects();
      return result;
    } catch (error) {
      if (error instanceof Abandoned) return error.result as T;
      throw error;
    }
  }

  /** The organization this request acts on; null when none is selected or visible. */
  get org(): ActiveOrg | null {
    return this.#org;
  }

  /** The org-bound client every resolver reads and writes through. */
  get db(): OrgScopedClient {
    const clients = this.#clients;
    if (!clients) return noDatabase as unknown as OrgScopedClient;
    return hasAppWall(this.walls) ? clients.scoped : clients.raw;
  }

  /**
   * Runs a mutation's writes atomically inside the request transaction: a
   * savepoint, rolled back when `fn` throws or reports userErrors. One that
   * succeeded is left open (COMMIT ends it; a round trip saved), up to
   * MAX_OPEN_SAVEPOINTS in a request, so a document of many mutations keeps
   * its subtransactions few. A mutation request's first savepoint came with
   * its opening round trip (the request's writes before it are app_open_request's
   * own, which it never rolls back): another round trip saved.
   */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    if (this.walls === 'none') return fn(); // the benchmark's baseline: no transaction at all
    const conn = this.#connection();
    // One name for every savepoint: PostgreSQL stacks same-named savepoints,
    // and ROLLBACK TO / RELEASE act on the newest.
    // The audit rows of the mutations before it are written first: what it does
    // (deleting the organization, say) must not leave them nowhere to go.
    if (this.#pendingAudit.length) await this.flushAudit();
    if (this.#savepointReady) this.#savepointReady = false;
    else await conn.script('SAVEPOINT mutation');
    // What it audits goes with it when it is rolled back.
    const audited = this.#pendingAudit.length;
    const rollBack = () => {
      this.#pendingAudit.length = audited;
      return conn.script('ROLLBACK TO SAVEPOINT mutation; RELEASE SAVEPOINT mutation');
    };
    try {
      const result = await fn();
      const failed = (result as { userErrors?: unknown[] } | null)?.userErrors?.length;
      if (failed) await rollBack();
      else if (this.#openSavepoints < MAX_OPEN_SAVEPOINTS) this.#openSavepoints++;
      else await conn.script('RELEASE SAVEPOINT mutation');
      return result;
    } catch (error) {
      await rollBack();
      throw error;
    } finally {
      for (const listener of this.#writeListeners) listener();
    }
  }

  /**
   * Ends the request without writing anything: its transaction is rolled back
   * (and its after-commit effects dropped) whatever its mutations did.
   */
  abandon(): void {
    this.#abandoned = true;
  }

  /**
   * Gives the rest of this request the long budget (RequestTimeouts.longRequestMs
   * for the request and for each statement): for work that is long by nature,
   * such as deleting an organization and everything it owns.
   */
  async longWork(): Promise<void> {
    if (this.walls === 'none') return;
    const conn = this.#connection();
    const { longRequestMs } = this.#timeouts;
    conn.setDeadline(Date.now() + longRequestMs);
    await conn.script(`SELECT set_config('statement_timeout', '${longRequestMs}', true)`);
  }

  /**
   * Appends a row to the bound organization's audit trail, in the request's
   * transaction: one INSERT of a fixed shape, not through the ORM (every
   * mutation writes one, and compiling it cost Prisma as much as the change it
   * records). Both walls hold as for any write: the app wall refuses another
   * organization's row, and the tenant role's policy checks it underneath.
   */
  async recordAudit(row: AuditRow): Promise<void> {
    if (hasAppWall(this.walls) && row.orgId !== this.#bound?.binding.orgId) {
      throw new TenancyViolation("AuditEvent.create: orgId must be the request's organization");
    }
    this.#pendingAudit.push(row);
    if (this.walls === 'none') await this.flushAudit(); // no transaction to defer to
  }

  /**
   * Writes the audit rows recorded so far. They wait for COMMIT's round trip
   * (TenantSession.run), unless something reads the trail first (the loaders
   * call this before reading audit events), the binding moves, or another
   * mutation of the request begins.
   */
  async flushAudit(): Promise<void> {
    const sql = this.#auditSql();
    if (sql) await this.#connection().script(sql);
  }

  /** The recorded audit rows as one INSERT, taken off the queue; null when there are none. */
  #auditSql(): string | null {
    if (this.#pendingAudit.length === 0) return null;
    const rows = this.#pendingAudit.splice(0).map((row) => {
      const values = [row.orgId, row.action, row.actorId, row.apiKeyId, row.targetType, row.targetId].map(sqlLiteral);
      return `(${values.join(', ')})`;
    });
    return `INSERT INTO audit_events (org_id, action, actor_id, api_key_id, target_type, target_id) VALUES ${rows.join(', ')}`;
  }

  /**
   * Serializes concurrent requests on `keys` until this request ends
   * (transaction-scoped advisory locks, taken in the order given).
   */
  async lock(...keys: string[]): Promise<void> {
    if (this.walls === 'none' || keys.length === 0) return;
    const locks = keys.map((key) => `pg_advisory_xact_lock(hashtextextended(${sqlLiteral(key)}, 0))`);
    await this.#connection().script(`SELECT ${locks.join(', ')}`);
  }

  /**
   * Runs a mutation request at most once for its Idempotency-Key (src/idempotency.ts),
   * keeping the key in this request's transaction.
   */
  runIdempotently(
    key: { header: string; secret: Buffer | null },
    args: ExecutionArgs,
    execute: () => Promise<ExecutionResult>,
  ) {
    return runIdempotently(this.#idempotencyAccess(key.secret), key.header, args, execute);
  }

  /** Forgets the secrets of an answer the client received (src/idempotency.ts); false if none were kept. */
  forgetSecrets(pending: Pending): Promise<boolean> {
    return forgetSecrets(this.#idempotencyAccess(null), pending);
  }

  #idempotencyAccess(secret: Buffer | null): IdempotencyAccess {
    return {
      secret,
      script: (sql) => this.#connection().script(sql),
      bindOrg: (orgId) => this.#bindOrg(orgId),
      orgId: () => this.#bound?.binding.orgId ?? null,
    };
  }

  /** Runs `effect` once the request's writes are committed (emails), never before. */
  afterCommit(effect: () => Promise<void>): void {
    this.#effects.push(effect);
  }

  /** Called after every mutation's writes, committed or rolled back (caches drop what they hold). */
  onWrite(listener: () => void): void {
    this.#writeListeners.push(listener);
  }

  /** Called when a mutation changed the caller's own rights in this request. */
  onRightsChanged(listener: () => void): void {
    this.#rightsListeners.push(listener);
  }

  /**
   * The caller's own membership of the active org changed in this request
   * (role changed, or gone: left or removed, or the org deleted). Without a
   * membership the org is unbound, in both walls: a member who leaves can do
   * nothing more in the request.
   */
  async ownMembershipChanged(membership: ActiveOrg['membership'] | 'org deleted'): Promise<void> {
    const org = this.#org;
    if (!org) return;
    if (membership === 'org deleted' || membership === null) {
      await this.#bindOrg(null);
      this.#org = null;
    } else {
      this.#org = Object.freeze({ ...org, membership });
    }
    for (const listener of this.#rightsListeners) listener();
  }

  #connection(): RequestConnection {
    if (!this.#conn) throw new TenancyViolation('an anonymous request has no database connection');
    if (!this.#open) throw new TenancyViolation('the request has ended');
    return this.#conn;
  }

  async #bindOrg(orgId: string | null): Promise<() => Promise<void>> {
    const bound = this.#bound;
    if (!bound) throw new TenancyViolation('an anonymous request has no database connection');
    const previous = bound.binding.orgId;
    const bind = async (id: string | null) => {
      // Audit rows recorded under the binding are written under it.
      await this.flushAudit();
      if (hasRlsWall(this.walls)) {
        await this.#connection().script(`SELECT set_config('app.org_id', ${sqlLiteral(id ?? '')}, true)`);
      }
      bound.binding = Object.freeze({ ...bound.binding, orgId: id });
    };
    await bind(orgId);
    return () => bind(previous);
  }

  async #runEffects() {
    for (const effect of this.#effects) await effect();
  }
}

/** Stands in for the client of a session without a connection: any use is a bug. */
const noDatabase = new Proxy(
  {},
  {
    get(_target, name) {
      throw new TenancyViolation(`${String(name)}: an anonymous request has no database`);
    },
  },
);

function time(value: Date | string | null): Date {
  return value instanceof Date ? value : new Date(value!);
}

/** Why a key's own secret is refused: told only to whoever holds that secret. */
const KEY_REFUSED = {
  revoked: 'This API key was revoked.',
  expired: 'This API key has expired.',
  rotated: "This API key's secret was rotated and its grace period is over: use the new secret.",
} as const;

function openedFrom(request: { credential: Credential; selectedSlug: string | null }, rows: OpenedRow[]): Opened {
  const row = rows[0];
  if (request.credential.kind === 'apiKey') {
    if (!row?.api_key_id || !row.org_id) {
      const why = row?.api_key_refused ? KEY_REFUSED[row.api_key_refused] : 'Invalid API key.';
      throw apiError('UNAUTHENTICATED', why, { wholeRequest: true });
    }
    if (request.selectedSlug && request.selectedSlug !== row.org_slug) {
      throw apiError('BAD_USER_INPUT', "The selected organization is not the API key's organization", {
        wholeRequest: true,
      });
    }
  }
  if (!row) throw new TenancyViolation('app_open_request returned no row for a user');
  const org: ActiveOrg | null = row.org_id
    ? Object.freeze({
        id: row.org_id,
        slug: row.org_slug!,
        name: row.org_name!,
        createdAt: time(row.org_created_at),
        updatedAt: time(row.org_updated_at),
        membership: row.membership_id ? Object.freeze({ id: row.membership_id, role: row.membership_role! }) : null,
      })
    : null;
  const user: ViewerUser | null = row.user_id
    ? Object.freeze({
        id: row.user_id,
        email: row.user_email!,
        emailVerified: !!row.user_email_verified,
        name: row.user_name,
      })
    : null;
  const apiKey: ViewerApiKey | null = row.api_key_id
    ? Object.freeze({
        id: row.api_key_id,
        orgId: row.org_id!,
        scopes: Object.freeze([...(row.api_key_scopes ?? [])]),
        rate: row.api_key_rate_per_second
          ? Object.freeze({ perSecond: row.api_key_rate_per_second, burst: row.api_key_rate_burst! })
          : null,
      })
    : null;
  return { user, apiKey, org, orgSelected: request.selectedSlug !== null || org !== null };
}
