import { z } from 'zod';
import { generateInvitationToken, hashInvitationToken } from '../auth/invitation-token.js';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { idOfType } from '../lib/global-id.js';
import { invitationEmail } from '../mail/invitation-email.js';
import {
  answerInvitation,
  findInvitationAddressedTo,
  findInvitationByToken,
  findViewerMembership,
  listPendingInvitations,
} from '../tenancy/cross-tenant.js';
import { atomically } from '../tenancy/scope.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isUniqueViolation } from '../lib/database-errors.js';
import { builder, newestFirst, pageLimits } from './builder.js';
import { Membership, MembershipRole } from './membership.js';
import { Organization } from './organization.js';
import { visibleUserWhere } from './user.js';
import { parseInput, UserError, userError, type UserErrorShape } from './payload.js';
import { Viewer } from './viewer.js';

type InvitationRow = Prisma.InvitationGetPayload<object>;

export const InvitationStatus = builder.enumType('InvitationStatus', {
  values: ['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED'] as const,
});

/** EXPIRED is not stored: a pending invitation past its expiry is expired. */
function statusOf(invitation: Pick<InvitationRow, 'status' | 'expiresAt'>) {
  return invitation.status === 'PENDING' && invitation.expiresAt.getTime() <= Date.now()
    ? 'EXPIRED'
    : invitation.status;
}

function statusWhere(status: typeof InvitationStatus.$inferType | null | undefined): Prisma.InvitationWhereInput {
  const now = new Date();
  switch (status) {
    case undefined:
    case null:
      return {};
    case 'PENDING':
      return { status: 'PENDING', expiresAt: { gt: now } };
    case 'EXPIRED':
      return { status: 'PENDING', expiresAt: { lte: now } };
    default:
      return { status };
  }
}

export const Invitation = builder.prismaNode('Invitation', {
  id: { field: 'id' },
  // Members of its org (not API keys), and the invitee.
  authScopes: (i) => ({ $any: { activeOrgMember: i.orgId, invitee: i.email } }),
  nullable: true,
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.expose('role', { type: MembershipRole }),
    status: t.field({ type: InvitationStatus, resolve: statusOf, select: { status: true, expiresAt: true } }),
    // The invitee sees the inviting org's id, slug and name (RLS: visible_orgs).
    organization: t.relation('org'),
    invitedBy: t.prismaField({
      type: 'User',
      nullable: true,
      // Only inside the org: an invitee does not share an org with the inviter yet.
      resolve: (query, invitation, _args, ctx) =>
        invitation.invitedById && ctx.org?.id === invitation.orgId
          ? ctx.db.client.user.findUnique({ ...query, where: visibleUserWhere(invitation.invitedById, ctx) })
          : null,
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const InvitationConnection = builder.connectionObject({ type: Invitation, name: 'InvitationConnection' });

builder.prismaObjectField(Organization, 'invitations', (t) =>
  t.relatedConnection(
    'invitations',
    {
      cursor: 'id',
      ...pageLimits,
      totalCount: true,
      nullable: true,
      description: 'Members only (not API keys), newest first.',
      args: { status: t.arg({ type: InvitationStatus }) },
      authScopes: (org) => ({ activeOrgMember: org.id }),
      query: (args) => ({ where: statusWhere(args.status), orderBy: newestFirst }),
    },
    InvitationConnection,
  ),
);

const MAX_PENDING_LISTED = 100;

builder.objectField(Viewer, 'pendingInvitations', (t) =>
  t.prismaField({
    type: ['Invitation'],
    description: "Pending, unexpired invitations addressed to the user's verified email.",
    resolve: (query, _v, _a, ctx) =>
      ctx.user?.emailVerified
        ? listPendingInvitations(ctx.db, ctx.user.email, { ...query, take: MAX_PENDING_LISTED })
        : [],
  }),
);

// ---- sending ---------------------------------------------------------------

const INVITATION_SENT_ACTIONS = ['invitation.created', 'invitation.renewed', 'invitation.resent'];

/**
 * RATE_LIMITED when the org or the inviter sent too many invitations in the
 * last hour. Advisory locks (org first, then inviter, so no two requests wait
 * on each other in a cycle) make concurrent invites count one after another
 * until the request ends; the send is recorded by recordInvitationSent.
 */
async function enforceInviteRateLimit(ctx: Context) {
  const orgId = ctx.org!.id;
  const inviterId = ctx.user!.id;
  if (ctx.db.inTransaction) {
    await ctx.db.client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invite-org:${orgId}`})),
      pg_advisory_xact_lock(hashtext(${`invite-user:${inviterId}`}))`;
  }
  const since = new Date(Date.now() - 3_600_000);
  const { limitPerOrgPerHour, limitPerInviterPerHour } = ctx.services.invitations;
  const [byOrg, byInviter] = await Promise.all([
    ctx.db.client.auditEvent.count({ where: { action: { in: INVITATION_SENT_ACTIONS }, createdAt: { gte: since } } }),
    ctx.db.client.invitationSend.count({ where: { inviterId, sentAt: { gte: since } } }),
  ]);
  if (byOrg >= limitPerOrgPerHour || byInviter >= limitPerInviterPerHour) {
    throw apiError('RATE_LIMITED', 'Too many invitations sent in the last hour; try again later.');
  }
}

/** Counts toward the inviter's limit whatever becomes of the org. */
function recordInvitationSent(ctx: Context) {
  return ctx.db.client.invitationSend.create({ data: { inviterId: ctx.user!.id } });
}

function newTokenAndExpiry(ctx: Context) {
  return {
    ...generateInvitationToken(),
    expiresAt: new Date(Date.now() + ctx.services.invitations.ttlHours * 3_600_000),
  };
}

/** Emails the invitation once the request commits; a failed send leaves it pending, to resend. */
async function sendInvitationOnCommit(ctx: Context, invitation: InvitationRow, token: string) {
  const org = await ctx.db.client.organization.findUniqueOrThrow({
    where: { id: invitation.orgId },
    select: { name: true },
  });
  const email = invitationEmail({
    to: invitation.email,
    orgName: org.name,
    inviterName: ctx.user?.name ?? ctx.user?.email ?? null,
    role: invitation.role,
    acceptUrl: `${ctx.services.appUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
    expiresAt: invitation.expiresAt,
  });
  ctx.db.afterCommit(async () => {
    try {
      await ctx.services.mailer.send(email);
    } catch (error) {
      ctx.log.warn(
        { invitationId: invitation.id, err: { message: (error as Error).message } },
        'invitation email not sent',
      );
    }
  });
}

// ---- mutations -------------------------------------------------------------

interface InvitationResult {
  invitationId: string | null;
  orgId: string | null;
  userErrors: UserErrorShape[];
}

function invitationPayload(name: string) {
  return builder.objectRef<InvitationResult>(name).implement({
    fields: (t) => ({
      invitation: t.prismaField({
        type: Invitation,
        nullable: true,
        resolve: (query, p, _args, ctx) => {
          if (!p.invitationId) return null;
          // The org's own members read it in scope; the invitee, as addressed to them.
          if (ctx.org?.id === p.orgId)
            return ctx.db.client.invitation.findUnique({ ...query, where: { id: p.invitationId } });
          return ctx.user?.emailVerified
            ? findInvitationAddressedTo(ctx.db, p.invitationId, ctx.user.email, query)
            : null;
        },
      }),
      userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
    }),
  });
}

const InviteMemberPayload = invitationPayload('InviteMemberPayload');
const InvitationPayload = invitationPayload('InvitationPayload');

const failed = (...userErrors: UserErrorShape[]): InvitationResult => ({ invitationId: null, orgId: null, userErrors });

const InviteMemberInput = builder.inputType('InviteMemberInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    role: t.field({ type: MembershipRole, defaultValue: 'MEMBER', description: 'Only admins may invite admins.' }),
  }),
});

const inviteInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(320)),
  role: z
    .enum(['ADMIN', 'MEMBER'])
    .nullish()
    .transform((role) => role ?? 'MEMBER'),
});

builder.mutationField('inviteMember', (t) =>
  t.field({
    type: InviteMemberPayload,
    description: 'Active org; any member. Inviting the same email again renews its pending invitation.',
    authScopes: { orgMember: true },
    args: { input: t.arg({ type: InviteMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<InvitationResult> => {
      const parsed = parseInput(inviteInput, input);
      if (parsed.errors) return failed(...parsed.errors);
      const { email, role } = parsed.data;
      const orgId = ctx.org!.id;
      const isAdmin = ctx.org!.membership!.role === 'ADMIN';
      if (role === 'ADMIN' && !isAdmin) {
        throw apiError('FORBIDDEN', 'Only admins may invite admins.');
      }
      await enforceInviteRateLimit(ctx);
      // Two invites of one email at the same moment: the loser of the unique
      // index (one pending per org and email) tries again as a renewal.
      for (let attempt = 0; ; attempt++) {
        try {
          return await atomically(ctx.db, async () => {
            const member = await ctx.db.client.membership.findFirst({
              where: { user: { email } },
              select: { id: true },
            });
            if (member) return failed(userError('ALREADY_MEMBER', `${email} is already a member.`, ['input', 'email']));
            const { token, tokenHash, expiresAt } = newTokenAndExpiry(ctx);
            const pending = await ctx.db.client.invitation.findFirst({ where: { email, status: 'PENDING' } });
            // Renewing takes the invitation over: members may renew only their own
            // MEMBER invitations, never an admin's (or an ADMIN one).
            if (pending && !isAdmin && (pending.invitedById !== ctx.user!.id || pending.role !== 'MEMBER')) {
              throw apiError('FORBIDDEN', 'This email already has a pending invitation that only an admin may renew.');
            }
            const fields = { role, tokenHash, expiresAt, invitedById: ctx.user!.id };
            // Only while still pending: one accepted or revoked meanwhile gets a new invitation.
            const [renewed] = pending
              ? await ctx.db.client.invitation.updateManyAndReturn({
                  where: { id: pending.id, status: 'PENDING' },
                  data: fields,
                })
              : [];
            const invitation =
              renewed ?? (await ctx.db.client.invitation.create({ data: { orgId, email, ...fields } }));
            await recordAuditEvent(ctx, orgId, {
              action: renewed ? 'invitation.renewed' : 'invitation.created',
              targetType: 'Invitation',
              targetId: invitation.id,
            });
            await recordInvitationSent(ctx);
            await sendInvitationOnCommit(ctx, invitation, token);
            return { invitationId: invitation.id, orgId, userErrors: [] };
          });
        } catch (error) {
          if (!isUniqueViolation(error) || attempt > 0) throw error;
        }
      }
    },
  }),
);

const InvitationRefInput = builder.inputType('InvitationRefInput', {
  fields: (t) => ({ invitationId: t.id({ required: true }) }),
});

/** The active org's invitation that the caller may manage: admins, or the member who sent it. */
async function managedInvitation(ctx: Context, globalId: string) {
  const invitation = await ctx.db.client.invitation.findUnique({ where: { id: idOfType(globalId, 'Invitation') } });
  if (!invitation) throw apiError('NOT_FOUND', 'Invitation not found.');
  if (ctx.org!.membership!.role !== 'ADMIN' && invitation.invitedById !== ctx.user!.id) {
    throw apiError('FORBIDDEN', 'Only admins or the member who sent it may change this invitation.');
  }
  return invitation;
}

const NOT_PENDING = () =>
  userError('INVITATION_NOT_PENDING', 'This invitation was already accepted, declined or revoked.', [
    'input',
    'invitationId',
  ]);

builder.mutationField('revokeInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description: 'Admins, or the member who sent it.',
    authScopes: { orgMember: true },
    args: { input: t.arg({ type: InvitationRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const invitation = await managedInvitation(ctx, input.invitationId);
      return atomically(ctx.db, async () => {
        const revoked = await ctx.db.client.invitation.updateMany({
          where: { id: invitation.id, status: 'PENDING' },
          data: { status: 'REVOKED', respondedAt: new Date() },
        });
        if (revoked.count === 0) return failed(NOT_PENDING());
        await recordAuditEvent(ctx, invitation.orgId, {
          action: 'invitation.revoked',
          targetType: 'Invitation',
          targetId: invitation.id,
        });
        return { invitationId: invitation.id, orgId: invitation.orgId, userErrors: [] };
      });
    },
  }),
);

builder.mutationField('resendInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description: 'Admins, or the member who sent it; renews the expiry and sends the email again.',
    authScopes: { orgMember: true },
    args: { input: t.arg({ type: InvitationRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const invitation = await managedInvitation(ctx, input.invitationId);
      if (invitation.status !== 'PENDING') return failed(NOT_PENDING());
      await enforceInviteRateLimit(ctx);
      return atomically(ctx.db, async () => {
        // A new token: the old link stops working.
        const { token, tokenHash, expiresAt } = newTokenAndExpiry(ctx);
        const renewed = await ctx.db.client.invitation.updateManyAndReturn({
          where: { id: invitation.id, status: 'PENDING' },
          data: { tokenHash, expiresAt },
        });
        if (!renewed[0]) return failed(NOT_PENDING());
        await recordAuditEvent(ctx, invitation.orgId, {
          action: 'invitation.resent',
          targetType: 'Invitation',
          targetId: invitation.id,
        });
        await recordInvitationSent(ctx);
        await sendInvitationOnCommit(ctx, renewed[0], token);
        return { invitationId: invitation.id, orgId: invitation.orgId, userErrors: [] };
      });
    },
  }),
);

const AcceptInvitationInput = builder.inputType('AcceptInvitationInput', {
  fields: (t) => ({
    token: t.string({ description: 'The secret from the invitation email.' }),
    invitationId: t.id({ description: 'Or the id of one of viewer.pendingInvitations.' }),
  }),
});

interface AcceptResult {
  membership: { orgId: string; userId: string } | null;
  userErrors: UserErrorShape[];
}

const AcceptInvitationPayload = builder.objectRef<AcceptResult>('AcceptInvitationPayload').implement({
  fields: (t) => ({
    membership: t.prismaField({
      type: Membership,
      nullable: true,
      resolve: (query, p, _args, ctx) =>
        p.membership ? findViewerMembership(ctx.db, p.membership.userId, p.membership.orgId, query) : null,
    }),
    userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
  }),
});

type Held = { invitation: InvitationRow; errors: null } | { invitation: null; errors: UserErrorShape[] };

/**
 * The invitation the signed-in user answers, by token or by id, checked for
 * everything but its status: NOT_FOUND when it isn't theirs to see.
 */
async function heldInvitation(
  ctx: Context,
  input: { token?: string | null; invitationId?: string | null },
): Promise<Held> {
  const user = ctx.user!;
  if (!!input.token === !!input.invitationId) {
    return { invitation: null, errors: [userError('INVALID_INPUT', 'Give either token or invitationId.', ['input'])] };
  }
  if (!user.emailVerified) {
    const message = 'Verify your email address with your identity provider first.';
    return { invitation: null, errors: [userError('EMAIL_NOT_VERIFIED', message, ['input'])] };
  }
  const invitation = input.token
    ? await findInvitationByToken(ctx.db, hashInvitationToken(input.token))
    : await findInvitationAddressedTo(ctx.db, idOfType(input.invitationId!, 'Invitation'), user.email, {});
  if (!invitation) throw apiError('NOT_FOUND', 'Invitation not found.');
  if (invitation.email !== user.email) {
    const message = 'This invitation is addressed to another email address.';
    return { invitation: null, errors: [userError('EMAIL_MISMATCH', message, ['input', 'token'])] };
  }
  return { invitation, errors: null };
}

function answerableErrors(invitation: InvitationRow): UserErrorShape[] {
  const status = statusOf(invitation);
  if (status === 'EXPIRED') {
    return [userError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one.', ['input'])];
  }
  return status === 'PENDING' ? [] : [NOT_PENDING()];
}

builder.mutationField('acceptInvitation', (t) =>
  t.field({
    type: AcceptInvitationPayload,
    description: 'The invited user, whose verified email must match; turns it into a membership.',
    authScopes: { user: true },
    args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<AcceptResult> => {
      const held = await heldInvitation(ctx, input);
      if (held.errors) return { membership: null, userErrors: held.errors };
      const { invitation } = held;
      const errors = answerableErrors(invitation);
      if (errors.length) return { membership: null, userErrors: errors };
      const user = ctx.user!;
      // The invitation is claimed first (its row lock orders concurrent accepts),
      // then the membership made; one that already exists undoes both.
      let answered;
      try {
        answered = await answerInvitation(ctx.db, user, invitation, 'ACCEPTED', () =>
          recordAuditEvent(ctx, invitation.orgId, {
            action: 'invitation.accepted',
            targetType: 'Invitation',
            targetId: invitation.id,
          }),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return { membership: null, userErrors: [userError('ALREADY_MEMBER', 'You are already a member.', ['input'])] };
      }
      if (!answered) return { membership: null, userErrors: [NOT_PENDING()] };
      return { membership: { orgId: invitation.orgId, userId: user.id }, userErrors: [] };
    },
  }),
);

builder.mutationField('declineInvitation', (t) =>
  t.field({
    type: InvitationPayload,
    description: 'The invited user, whose verified email must match.',
    authScopes: { user: true },
    args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<InvitationResult> => {
      const held = await heldInvitation(ctx, input);
      if (held.errors) return failed(...held.errors);
      const { invitation } = held;
      const errors = answerableErrors(invitation);
      if (errors.length) return failed(...errors);
      const answered = await answerInvitation(ctx.db, ctx.user!, invitation, 'DECLINED', () =>
        recordAuditEvent(ctx, invitation.orgId, {
          action: 'invitation.declined',
          targetType: 'Invitation',
          targetId: invitation.id,
        }),
      );
      if (!answered) return failed(NOT_PENDING());
      return { invitationId: invitation.id, orgId: invitation.orgId, userErrors: [] };
    },
  }),
);
