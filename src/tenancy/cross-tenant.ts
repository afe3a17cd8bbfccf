// The few operations that must cross tenants (design.md, tenancy 4), and the only
// module that uses the plain client or leaves the org scope. Each is keyed on
// the viewer (user id, verified email) or on the API key, never on an org id the
// caller chose; under RLS they run as the tenant role like everything else,
// allowed by the policies keyed on app.user_id, app.user_email and app.api_key.
import { randomUUID } from 'node:crypto';
import type { UserClaims } from '../auth/jwt.js';
import { secretMatches } from '../auth/api-key.js';
import type { ActiveOrg, ViewerApiKey, ViewerUser } from '../context.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { sqlLiteral } from '../db/transaction-prelude.js';
import type { ApiKeyScope, MembershipRole } from '../generated/prisma/enums.js';
import { atomically, runWithOrgScope, type RequestDatabase } from './scope.js';

const USER_CACHE_SIZE = 10_000;

/**
 * Users by token claims. The row is created on first sight and updated only
 * when the claims change; a small cache keyed by the claims themselves means no
 * query at all for a returning user (ids never change).
 */
export function createUserDirectory(prisma: PrismaClient) {
  const cache = new Map<string, ViewerUser>();
  return async function ensureUser(claims: UserClaims): Promise<ViewerUser> {
    const key = JSON.stringify([claims.issuer, claims.subject, claims.email, claims.emailVerified, claims.name]);
    const cached = cache.get(key);
    if (cached) return cached;
    const fields = { email: claims.email, emailVerified: claims.emailVerified, name: claims.name };
    const row = await prisma.user.upsert({
      where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
      create: { issuer: claims.issuer, subject: claims.subject, ...fields },
      update: fields,
      select: { id: true, email: true, emailVerified: true, name: true },
    });
    if (cache.size >= USER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, row);
    return row;
  };
}

/**
 * The query for the org the user selected (by slug) or stored as active, with
 * their membership: no row when they are not a member, exactly as when it
 * doesn't exist. With `bind` (choosing the request's org) it also sets
 * app.org_id for the rest of the transaction. Values are inlined literals, so
 * it can ride with BEGIN (tenancy/scope.ts).
 */
export function userOrgLookup(userId: string, slug: string | null, { bind }: { bind: boolean }): string {
  const which = slug
    ? `o.slug = ${sqlLiteral(slug)}`
    : `o.id = (SELECT active_org_id FROM users WHERE id = ${sqlLiteral(userId)}::uuid)`;
  return `SELECT o.id::text AS id, o.slug, m.id::text AS membership_id, m.role::text AS role${bind ? `, set_config('app.org_id', o.id::text, true)` : ''}
    FROM organizations o JOIN memberships m ON m.org_id = o.id AND m.user_id = ${sqlLiteral(userId)}::uuid
    WHERE ${which}`;
}

export function userOrgFromRows(rows: Record<string, unknown>[]): ActiveOrg | null {
  const row = rows[0] as { id: string; slug: string; membership_id: string; role: MembershipRole } | undefined;
  return row ? { id: row.id, slug: row.slug, membership: { id: row.membership_id, role: row.role } } : null;
}

async function findUserOrg(db: RequestDatabase, userId: string, slug: string): Promise<ActiveOrg | null> {
  return userOrgFromRows(await db.client.$queryRawUnsafe(userOrgLookup(userId, slug, { bind: false })));
}

const KEY_USE_RECORD_INTERVAL_MS = 60_000;

/**
 * The query for the API key with this public id and its org's slug (RLS: the
 * authenticate_key policy). With `bind` it also sets app.org_id to the key's
 * org; the request is abandoned before any other statement if the secret is wrong.
 */
export function apiKeyLookup(publicId: string, { bind }: { bind: boolean }): string {
  return `SELECT k.id::text AS id, k.org_id::text AS org_id, o.slug AS org_slug, k.scopes::text[] AS scopes,
      k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at${bind ? `, set_config('app.org_id', k.org_id::text, true)` : ''}
    FROM api_keys k JOIN organizations o ON o.id = k.org_id
    WHERE k.public_id = ${sqlLiteral(publicId)}`;
}

/** The key in `rows` if the secret matches and it is live; null otherwise. */
export async function apiKeyFromRows(
  db: RequestDatabase,
  rows: Record<string, unknown>[],
  secret: string,
): Promise<{ apiKey: ViewerApiKey; org: ActiveOrg } | null> {
  const key = rows[0] as
    | {
        id: string;
        org_id: string;
        org_slug: string;
        scopes: ApiKeyScope[] | null;
        secret_hash: string;
        expires_at: Date | string | null;
        revoked_at: Date | string | null;
        last_used_at: Date | string | null;
      }
    | undefined;
  if (!key || !secretMatches(secret, key.secret_hash)) return null;
  const now = Date.now();
  const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());
  const expiresAt = time(key.expires_at);
  if (key.revoked_at !== null || (expiresAt !== null && expiresAt <= now)) return null;
  // lastUsedAt is coarse on purpose: at most one write a minute per key.
  const lastUsedAt = time(key.last_used_at);
  if (lastUsedAt === null || now - lastUsedAt > KEY_USE_RECORD_INTERVAL_MS) {
    await db.client.$executeRaw`UPDATE api_keys SET last_used_at = now() WHERE id = ${key.id}::uuid`;
  }
  return {
    apiKey: { id: key.id, orgId: key.org_id, scopes: key.scopes ?? [] },
    org: { id: key.org_id, slug: key.org_slug, membership: null },
  };
}

/**
 * Runs `fn` outside the org scope: only for reads RLS keys on the user. Prisma
 * queries are lazy, so they are awaited inside the scope, not just created there.
 */
function acrossOrgs<T>(fn: () => PromiseLike<T>): Promise<T> {
  return runWithOrgScope({ orgId: null, crossTenant: true }, async () => await fn());
}

/** The user's memberships in every organization, newest first. */
export function listViewerMemberships<Q extends object>(db: RequestDatabase, userId: string, query: Q) {
  return acrossOrgs(() =>
    db.client.membership.findMany({
      ...query,
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  );
}

/** The user's own membership in an org, whichever org is active. */
export function findViewerMembership<Q extends object>(db: RequestDatabase, userId: string, orgId: string, query: Q) {
  return acrossOrgs(() => db.client.membership.findUnique({ ...query, where: { orgId_userId: { orgId, userId } } }));
}

export function countViewerMemberships(db: RequestDatabase, userId: string) {
  return acrossOrgs(() => db.client.membership.count({ where: { userId } }));
}

/**
 * Runs `fn` with `orgId` in scope (app layer and RLS) inside a savepoint, then
 * puts the request's own org back: for the org its creator just made.
 */
async function inOrg<T>(db: RequestDatabase, activeOrgId: string | null, orgId: string, fn: () => Promise<T>) {
  await db.setOrg(orgId);
  try {
    // The savepoint rolls back before the finally clause restores the org
    // setting (a failed statement aborts everything after it until then).
    return await atomically(db, () => runWithOrgScope({ orgId }, fn));
  } finally {
    await db.setOrg(activeOrgId);
  }
}

/** Creates an organization with its creator as ADMIN; `audit` records it in the new org. */
export async function createOrganizationWithAdmin(
  db: RequestDatabase,
  activeOrgId: string | null,
  user: ViewerUser,
  input: { name: string; slug: string },
  audit: (orgId: string) => Promise<void>,
) {
  const orgId = randomUUID();
  return inOrg(db, activeOrgId, orgId, async () => {
    const organization = await db.client.organization.create({
      data: { id: orgId, name: input.name, slug: input.slug },
    });
    const membership = await db.client.membership.create({ data: { orgId, userId: user.id, role: 'ADMIN' } });
    await audit(orgId);
    await makeActiveIfNone(db, user.id, orgId);
    return { organization, membership };
  });
}

/** A user's first organization becomes their active one. */
function makeActiveIfNone(db: RequestDatabase, userId: string, orgId: string) {
  return db.client.user.updateMany({ where: { id: userId, activeOrgId: null }, data: { activeOrgId: orgId } });
}

/** Pending, unexpired invitations addressed to this (verified) email, newest first. */
export function listPendingInvitations<Q extends object>(db: RequestDatabase, email: string, query: Q) {
  return acrossOrgs(() =>
    db.client.invitation.findMany({
      ...query,
      where: { email, status: 'PENDING', expiresAt: { gt: new Date() } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  );
}

/** An invitation addressed to this email, by id, with the selection's query. */
export function findInvitationAddressedTo<Q extends object>(db: RequestDatabase, id: string, email: string, query: Q) {
  return acrossOrgs(() => db.client.invitation.findFirst({ ...query, where: { id, email } }));
}

/** The invitation whose token the caller holds (RLS: the held_token policy). */
export async function findInvitationByToken(db: RequestDatabase, tokenHash: string) {
  await db.client.$executeRaw`SELECT set_config('app.invitation_token', ${tokenHash}, true)`;
  return acrossOrgs(() => db.client.invitation.findUnique({ where: { tokenHash } }));
}

export interface HeldInvitation {
  id: string;
  orgId: string;
}

/**
 * Answers an invitation addressed to the user: marks it (only if still
 * pending; the row lock makes concurrent answers wait and then see it answered)
 * and, on acceptance, creates the membership, all in the inviting org's scope.
 * Returns null when it was no longer pending.
 */
export async function answerInvitation(
  db: RequestDatabase,
  user: ViewerUser,
  invitation: HeldInvitation,
  answer: 'ACCEPTED' | 'DECLINED',
  audit: () => Promise<void>,
) {
  // The inviting org is in scope for the app layer only: under RLS the invitee
  // never gets the org's rights, the policies keyed on their verified email
  // (respond_to_mine, join_by_invitation, record_answer) allow just these writes.
  return atomically(db, () =>
    runWithOrgScope({ orgId: invitation.orgId }, async () => {
      // Claim and read in one statement: the role granted is the one the
      // invitation has when it is claimed, not when it was first read.
      const [claimed] = await db.client.invitation.updateManyAndReturn({
        where: { id: invitation.id, status: 'PENDING', expiresAt: { gt: new Date() } },
        data: { status: answer, respondedAt: new Date() },
      });
      if (!claimed) return null;
      const membership =
        answer === 'ACCEPTED'
          ? await db.client.membership.create({ data: { orgId: claimed.orgId, userId: user.id, role: claimed.role } })
          : null;
      await audit();
      if (membership) await makeActiveIfNone(db, user.id, invitation.orgId);
      return { membership };
    }),
  );
}

/** Stores the user's active organization, if they are a member of it. */
export async function storeActiveOrganization(db: RequestDatabase, user: ViewerUser, slug: string) {
  const org = await findUserOrg(db, user.id, slug);
  if (!org) return null;
  await db.client.user.update({ where: { id: user.id }, data: { activeOrgId: org.id } });
  return org;
}
