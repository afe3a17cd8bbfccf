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
 * The org the user selected (by slug) or stored as active, with their
 * membership; null when they are not a member, exactly as when it doesn't exist.
 */
export async function findUserOrg(db: RequestDatabase, userId: string, slug: string | null): Promise<ActiveOrg | null> {
  const rows = await db.client.$queryRaw<{ id: string; slug: string; membership_id: string; role: MembershipRole }[]>`
    SELECT o.id::text, o.slug, m.id::text AS membership_id, m.role::text AS role
    FROM memberships m JOIN organizations o ON o.id = m.org_id
    WHERE m.user_id = ${userId}::uuid
      AND o.id = COALESCE(
        (SELECT id FROM organizations WHERE slug = ${slug}),
        CASE WHEN ${slug}::text IS NULL THEN (SELECT active_org_id FROM users WHERE id = ${userId}::uuid) END)`;
  const row = rows[0];
  return row ? { id: row.id, slug: row.slug, membership: { id: row.membership_id, role: row.role } } : null;
}

const KEY_USE_RECORD_INTERVAL_MS = 60_000;

/** The API key with this public id if the secret matches and it is live; null otherwise. */
export async function authenticateApiKey(
  db: RequestDatabase,
  publicId: string,
  secret: string,
): Promise<{ apiKey: ViewerApiKey; org: ActiveOrg } | null> {
  const rows = await db.client.$queryRaw<
    {
      id: string;
      org_id: string;
      org_slug: string;
      scopes: ApiKeyScope[] | null;
      secret_hash: string;
      expires_at: Date | null;
      revoked_at: Date | null;
      last_used_at: Date | null;
    }[]
  >`SELECT k.id::text, k.org_id::text, o.slug AS org_slug, k.scopes::text[] AS scopes, k.secret_hash,
           k.expires_at, k.revoked_at, k.last_used_at
    FROM api_keys k JOIN organizations o ON o.id = k.org_id
    WHERE k.public_id = ${publicId}`;
  const key = rows[0];
  if (!key || !secretMatches(secret, key.secret_hash)) return null;
  const now = Date.now();
  if (key.revoked_at || (key.expires_at && key.expires_at.getTime() <= now)) return null;
  // lastUsedAt is coarse on purpose: at most one write a minute per key.
  if (!key.last_used_at || now - key.last_used_at.getTime() > KEY_USE_RECORD_INTERVAL_MS) {
    await db.client.$executeRaw`UPDATE api_keys SET last_used_at = now() WHERE public_id = ${publicId}`;
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
 * puts the request's own org back. Callers pass an org the viewer is keyed to:
 * one they just created, or the one inviting them.
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
  role: MembershipRole;
}

/**
 * Answers an invitation addressed to the user: marks it (only if still
 * pending; the row lock makes concurrent answers wait and then see it answered)
 * and, on acceptance, creates the membership, all in the inviting org's scope.
 * Returns null when it was no longer pending.
 */
export async function answerInvitation(
  db: RequestDatabase,
  activeOrgId: string | null,
  user: ViewerUser,
  invitation: HeldInvitation,
  answer: 'ACCEPTED' | 'DECLINED',
  audit: () => Promise<void>,
) {
  return inOrg(db, activeOrgId, invitation.orgId, async () => {
    const marked = await db.client.invitation.updateMany({
      where: { id: invitation.id, status: 'PENDING' },
      data: { status: answer, respondedAt: new Date() },
    });
    if (marked.count === 0) return null;
    const membership =
      answer === 'ACCEPTED'
        ? await db.client.membership.create({
            data: { orgId: invitation.orgId, userId: user.id, role: invitation.role },
          })
        : null;
    await audit();
    if (membership) await makeActiveIfNone(db, user.id, invitation.orgId);
    return { membership };
  });
}

/** How many invitations this user sent (created, renewed or resent) since `since`, in any org. */
export function countInvitationsSentBy(db: RequestDatabase, userId: string, since: Date) {
  return acrossOrgs(() =>
    db.client.auditEvent.count({
      where: { actorId: userId, action: { in: INVITATION_SENT_ACTIONS }, createdAt: { gte: since } },
    }),
  );
}

export const INVITATION_SENT_ACTIONS = ['invitation.created', 'invitation.renewed', 'invitation.resent'];

/** Stores the user's active organization, if they are a member of it. */
export async function storeActiveOrganization(db: RequestDatabase, user: ViewerUser, slug: string) {
  const org = await findUserOrg(db, user.id, slug);
  if (!org) return null;
  await db.client.user.update({ where: { id: user.id }, data: { activeOrgId: org.id } });
  return org;
}
