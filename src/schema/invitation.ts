import { z } from 'zod';
import { generateInvitationToken, hashInvitationToken } from '../auth/invitation-token.js';
import type { Context } from '../context.js';
import { apiError, rateLimited } from '../errors.js';
import type { Invitation as InvitationRow, Prisma } from '../generated/prisma/client.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isUniqueViolation } from '../lib/database-errors.js';
import { RateLimited } from '../limits.js';
import { idOfType } from '../lib/global-id.js';
import { invitationEmail } from '../mail/invitation-email.js';
import { builder } from './builder.js';
import { objectSelection } from './loading/columns.js';
import { loadReadable, modelNode, orgMembersOnly } from './model.js';
import { Membership, MembershipRole } from './membership.js';
import { organizationConnection } from './organization.js';
import { parseInput, UserError, userError, type UserErrorShape } from './payload.js';
import { Viewer } from './viewer.js';

export const InvitationStatus = builder.enumType('InvitationStatus', {
  values: ['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED'] as const,
});

/** EXPIRED is not stored: a pending invitation past its expiry is expired. */
function statusOf(invitation: Pick<InvitationRow, 'status' | 'expiresAt'>) {
  return invitation.status === 'PENDING' && invitation.expiresAt.getTime() <= Date.now()
    ? 'EXPIRED'
    : invitation.status;
}

function statusWhere(
  status: typeof InvitationStatus.$inferType | null | undefined,
): Prisma.InvitationWhereInput | undefined {
  const now = new Date();
  switch (status) {
    case undefined:
    case null:
      return undefined;
    case 'PENDING':
      return { status: 'PENDING', expiresAt: { gt: now } };
    case 'EXPIRED':
      return { status: 'PENDING', expiresAt: { lte: now } };
    default:
      return { status };
  }
}

export const Invitation = modelNode('Invitation', {
  model: 'Invitation',
  // Members of its org (not API keys), and the invitee.
  readable: (s, i) => orgMembersOnly(s, i) || (!!s.user?.emailVerified && s.user.email === i.email),
  always: ['email'],
  columns: { status: ['status', 'expiresAt'] },
  relations: {
    // The invitee sees the inviting org's id, slug and name (both walls: visible_orgs).
    organization: { type: 'Organization', via: 'orgId' },
    // Only inside the org: an invitee does not share an org with the inviter yet.
    invitedBy: { type: 'User', via: 'invitedById', nullable: true, when: (s, i) => s.org?.id === i.orgId },
  },
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.expose('role', { type: MembershipRole }),
    status: t.field({ type: InvitationStatus, resolve: statusOf }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const InvitationConnection = builder.connectionObject({ type: Invitation, name: 'InvitationConnection' });

organizationConnection('invitations', {
  type: InvitationConnection,
  description: 'Members only (not API keys), newest first.',
  scope: 'activeOrgMember',
  args: (t) => ({ status: t.arg({ type: InvitationStatus }) }),
  pages: {
    typeName: 'Invitation',
    parent: 'Organization',
    relation: 'invitations',
    where: (args) => statusWhere(args.status as typeof InvitationStatus.$inferType | null | undefined),
  },
});

const MAX_PENDING_LISTED = 100;

builder.objectField(Viewer, 'pendingInvitations', (t) =>
  t.field({
    type: [Invitation],
    description: "Pending, unexpired invitations addressed to the user's verified email (the newest 100).",
    // Priced as the most it can return.
    complexity: { field: 1, multiplier: MAX_PENDING_LISTED },
    resolve: async (_v, _a, ctx, info) => {
      if (!ctx.session.user?.emailVerified) return [];
      const invitations = await ctx.session.crossTenant.listPendingInvitations(MAX_PENDING_LISTED);
      await ctx.loaders.preload('Invitation', invitations, objectSelection(info));
      return invitations;
    },
  }),
);

// ---- sending ---------------------------------------------------------------

/**
 * Counts an invitation email against the org's and the inviter's hourly
 * limits (src/limits.ts); RATE_LIMITED past either, with the seconds to wait.
 */
async function countInvitationSent(ctx: Context) {
  try {
    await ctx.services.limits.invitationSent(ctx.session.org!.id, ctx.session.user!.id);
  } catch (error) {
    if (error instanceof RateLimited) {
      throw rateLimited(error, 'Too many invitations sent in the last hour; try again later.');
    }
    throw error;
  }
}

function newTokenAndExpiry(ctx: Context) {
  return {
    ...generateInvitationToken(),
    expiresAt: new Date(Date.now() + ctx.services.invitations.ttlHours * 3_600_000),
  };
}

/** Emails the invitation once the request commits; a failed send leaves it pending, to resend. */
function sendInvitationOnCommit(ctx: Context, invitation: InvitationRow, token: string) {
  const org = ctx.session.org!;
  const email = invitationEmail({
    to: invitation.email,
    orgName: org.name,
    inviterName: ctx.session.user?.name ?? ctx.session.user?.email ?? null,
    role: invitation.role,
    acceptUrl: ctx.services.acceptLink(token),
    expiresAt: invitation.expiresAt,
  });
  ctx.session.afterCommit(async () => {
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
      invitation: t.field({
        type: Invitation,
        nullable: true,
        resolve: (p, _args, ctx) => {
          if (!p.invitationId) return null;
          // The org's own members read it in scope; the invitee, as addressed to them.
          if (ctx.session.org?.id === p.orgId) return loadReadable<InvitationRow>(ctx, 'Invitation', p.invitationId);
          return ctx.session.user?.emailVerified
            ? ctx.session.crossTenant.findInvitationAddressedToViewer(p.invitationId)
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
      const { session } = ctx;
      const orgId = session.org!.id;
      const isAdmin = session.org!.membership!.role === 'ADMIN';
      if (role === 'ADMIN' && !isAdmin) {
        throw apiError('FORBIDDEN', 'Only admins may invite admins.');
      }
      // Two invites of one email at the same moment: the loser of the unique
      // index (one pending per org and email) tries again as a renewal.
      for (let attempt = 0; ; attempt++) {
        try {
          return await session.atomically(async () => {
            const member = await session.db.membership.findFirst({
              where: { user: { email } },
              select: { id: true },
            });
            if (member) return failed(userError('ALREADY_MEMBER', `${email} is already a member.`, ['input', 'email']));
            const { token, tokenHash, expiresAt } = newTokenAndExpiry(ctx);
            const pending = await session.db.invitation.findFirst({ where: { email, status: 'PENDING' } });
            // Renewing takes the invitation over: members may renew only their own
            // MEMBER invitations, never an admin's (or an ADMIN one).
            if (pending && !isAdmin && (pending.invitedById !== session.user!.id || pending.role !== 'MEMBER')) {
              throw apiError('FORBIDDEN', 'This email already has a pending invitation that only an admin may renew.');
            }
            const fields = { role, tokenHash, expiresAt, invitedById: session.user!.id };
            // Only while still pending: one accepted or revoked meanwhile gets a new invitation.
            const [renewed] = pending
              ? await session.db.invitation.updateManyAndReturn({
                  where: { id: pending.id, status: 'PENDING' },
                  data: fields,
                })
              : [];
            const invitation = renewed ?? (await session.db.invitation.create({ data: { orgId, email, ...fields } }));
            await recordAuditEvent(session, orgId, {
              action: renewed ? 'invitation.renewed' : 'invitation.created',
              targetType: 'Invitation',
              targetId: invitation.id,
            });
            await countInvitationSent(ctx);
            sendInvitationOnCommit(ctx, invitation, token);
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
  const { session } = ctx;
  const invitation = await session.db.invitation.findUnique({ where: { id: idOfType(globalId, 'Invitation') } });
  if (!invitation) throw apiError('NOT_FOUND', 'Invitation not found.');
  if (session.org!.membership!.role !== 'ADMIN' && invitation.invitedById !== session.user!.id) {
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
      const { session } = ctx;
      return session.atomically(async () => {
        const revoked = await session.db.invitation.updateMany({
          where: { id: invitation.id, status: 'PENDING' },
          data: { status: 'REVOKED', respondedAt: new Date() },
        });
        if (revoked.count === 0) return failed(NOT_PENDING());
        await recordAuditEvent(session, invitation.orgId, {
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
      const { session } = ctx;
      return session.atomically(async () => {
        // A new token: the old link stops working.
        const { token, tokenHash, expiresAt } = newTokenAndExpiry(ctx);
        const renewed = await session.db.invitation.updateManyAndReturn({
          where: { id: invitation.id, status: 'PENDING' },
          data: { tokenHash, expiresAt },
        });
        if (!renewed[0]) return failed(NOT_PENDING());
        await recordAuditEvent(session, invitation.orgId, {
          action: 'invitation.resent',
          targetType: 'Invitation',
          targetId: invitation.id,
        });
        await countInvitationSent(ctx);
        sendInvitationOnCommit(ctx, renewed[0], token);
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
    membership: t.field({
      type: Membership,
      nullable: true,
      resolve: (p, _args, ctx) =>
        p.membership ? ctx.session.crossTenant.findViewerMembership(p.membership.orgId) : null,
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
  const user = ctx.session.user!;
  if (!!input.token === !!input.invitationId) {
    return { invitation: null, errors: [userError('INVALID_INPUT', 'Give either token or invitationId.', ['input'])] };
  }
  if (!user.emailVerified) {
    const message = 'Verify your email address with your identity provider first.';
    return { invitation: null, errors: [userError('EMAIL_NOT_VERIFIED', message, ['input'])] };
  }
  const { crossTenant } = ctx.session;
  const invitation = input.token
    ? await crossTenant.findInvitationByToken(hashInvitationToken(input.token))
    : await crossTenant.findInvitationAddressedToViewer(idOfType(input.invitationId!, 'Invitation'));
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
      const user = ctx.session.user!;
      // The invitation is claimed first (its row lock orders concurrent accepts),
      // then the membership made; one that already exists undoes both.
      let answered;
      try {
        answered = await ctx.session.crossTenant.answerInvitation(invitation, 'ACCEPTED', {
          action: 'invitation.accepted',
          targetType: 'Invitation',
          targetId: invitation.id,
        });
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
      const answered = await ctx.session.crossTenant.answerInvitation(invitation, 'DECLINED', {
        action: 'invitation.declined',
        targetType: 'Invitation',
        targetId: invitation.id,
      });
      if (!answered) return failed(NOT_PENDING());
      return { invitationId: invitation.id, orgId: invitation.orgId, userErrors: [] };
    },
  }),
);
