// The few operations that must cross tenants (design.md, tenancy 4), and the
// only code that reads or writes beyond the org scope. The session hands this
// class its access (the request's transaction without the org-scope
// extension); nothing else gets it. Every operation is keyed on the caller (the
// user id, the verified email, a held invitation token), never on an org id the
// caller chose; under RLS they run as the tenant role like everything else,
// allowed by the policies keyed on app.user_id and app.user_email.
// (Authenticating an API key and opening the request happen in the database,
// in app_open_request: see tenancy/session.ts.)
import { randomUUID } from 'node:crypto';
import { sqlLiteral } from '../db/sql-literal.js';
import type { Prisma } from '../generated/prisma/client.js';
import { auditEventData, type AuditTarget } from '../lib/audit.js';
import { TenancyViolation } from './org-scope.js';
import type { CrossTenantAccess, TenantSession, ViewerUser } from './session.js';

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

export interface HeldInvitation {
  id: string;
  orgId: string;
}

export class CrossTenant {
  readonly #access: CrossTenantAccess;
  readonly #session: TenantSession;

  constructor(access: CrossTenantAccess, session: TenantSession) {
    this.#access = access;
    this.#session = session;
  }

  #user(): ViewerUser {
    const user = this.#session.user;
    if (!user) throw new TenancyViolation('a cross-tenant operation needs a signed-in user');
    return user;
  }

  #verifiedEmail(): string {
    const user = this.#user();
    if (!user.emailVerified) throw new TenancyViolation('an invitation needs a verified email');
    return user.email;
  }

  /** The user's memberships in every organization: a page of them (`args` from the connection). */
  listViewerMemberships<A extends Prisma.MembershipFindManyArgs>(args: A) {
    return this.#access.client.membership.findMany({
      ...args,
      where: { AND: [args.where ?? {}, { userId: this.#user().id }] },
    }) as Prisma.PrismaPromise<Prisma.MembershipGetPayload<A>[]>;
  }

  countViewerMemberships() {
    return this.#access.client.membership.count({ where: { userId: this.#user().id } });
  }

  /** The user's own membership in `orgId`, whichever org is active. */
  findViewerMembership(orgId: string) {
    return this.#access.client.membership.findUnique({ where: { orgId_userId: { orgId, userId: this.#user().id } } });
  }

  /** Pending, unexpired invitations addressed to the user's verified email, newest first. */
  listPendingInvitations(take: number) {
    return this.#access.client.invitation.findMany({
      where: { email: this.#verifiedEmail(), status: 'PENDING', expiresAt: { gt: new Date() } },
      orderBy: newestFirst,
      take,
    });
  }

  /** An invitation addressed to the user's verified email, by id. */
  findInvitationAddressedToViewer(id: string) {
    return this.#access.client.invitation.findFirst({ where: { id, email: this.#verifiedEmail() } });
  }

  /** The invitation whose token the caller holds (RLS: the held_token policy). */
  async findInvitationByToken(tokenHash: string) {
    await this.#access.script(`SELECT set_config('app.invitation_token', ${sqlLiteral(tokenHash)}, true)`);
    return this.#access.client.invitation.findUnique({ where: { tokenHash } });
  }

  /**
   * Answers an invitation addressed to the user: marks it (only if still
   * pending; the row lock makes concurrent answers wait and then see it
   * answered), and on acceptance creates the membership with the role the
   * invitation has when it is claimed, and records the answer in the inviting
   * org's trail. The invitee acts with their own rights only: under RLS the
   * policies respond_to_mine, join_by_invitation and record_answer allow
   * exactly these writes. Null when it was no longer pending.
   */
  async answerInvitation(invitation: HeldInvitation, answer: 'ACCEPTED' | 'DECLINED', audit: AuditTarget) {
    const user = this.#user();
    const client = this.#access.client;
    return this.#session.atomically(async () => {
      const [claimed] = await client.invitation.updateManyAndReturn({
        where: { id: invitation.id, email: this.#verifiedEmail(), status: 'PENDING', expiresAt: { gt: new Date() } },
        data: { status: answer, respondedAt: new Date() },
      });
      if (!claimed) return null;
      const membership =
        answer === 'ACCEPTED'
          ? await client.membership.create({ data: { orgId: claimed.orgId, userId: user.id, role: claimed.role } })
          : null;
      await client.auditEvent.createMany({ data: auditEventData(this.#session, claimed.orgId, audit) });
      if (membership) await this.#makeActiveIfNone(claimed.orgId);
      return { membership };
    });
  }

  /**
   * Creates an organization with the user as its ADMIN, recording `audit` in
   * it: both walls are bound to the new org for these writes, then back.
   */
  async createOrganizationWithAdmin(input: { name: string; slug: string }, audit: (orgId: string) => AuditTarget) {
    const user = this.#user();
    const client = this.#access.client;
    const orgId = randomUUID();
    const restore = await this.#access.bindOrg(orgId);
    try {
      // The savepoint rolls back before the org binding is restored (a failed
      // statement aborts everything after it until then).
      return await this.#session.atomically(async () => {
        const organization = await client.organization.create({
          data: { id: orgId, name: input.name, slug: input.slug },
        });
        const membership = await client.membership.create({ data: { orgId, userId: user.id, role: 'ADMIN' } });
        await client.auditEvent.createMany({ data: auditEventData(this.#session, orgId, audit(orgId)) });
        await this.#makeActiveIfNone(orgId);
        return { organization, membership };
      });
    } finally {
      await restore();
    }
  }

  /** Stores the user's active organization, if they are a member of it; its id, or null. */
  async storeActiveOrganization(slug: string): Promise<string | null> {
    const user = this.#user();
    const membership = await this.#access.client.membership.findFirst({
      where: { userId: user.id, org: { slug } },
      select: { orgId: true },
    });
    if (!membership) return null;
    await this.#access.client.user.update({ where: { id: user.id }, data: { activeOrgId: membership.orgId } });
    return membership.orgId;
  }

  /** A user's first organization becomes their active one. */
  #makeActiveIfNone(orgId: string) {
    return this.#access.client.user.updateMany({
      where: { id: this.#user().id, activeOrgId: null },
      data: { activeOrgId: orgId },
    });
  }
}
