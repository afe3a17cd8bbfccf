import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import type { Membership as MembershipRow } from '../generated/prisma/client.js';
import { MembershipRole as Role } from '../generated/prisma/enums.js';
import { recordAuditEvent } from '../lib/audit.js';
import { idOfType } from '../lib/global-id.js';
import { builder } from './builder.js';
import { loadReadable, modelNode, orgReadable } from './model.js';
import { Organization, organizationConnection } from './organization.js';
import { entityPayload, removedPayload, userError, type MutationResult } from './payload.js';

export const MembershipRole = builder.enumType(Role, { name: 'MembershipRole' });

export const Membership = modelNode('Membership', {
  model: 'Membership',
  // Members and READ keys of its org, and the member themselves from any org.
  readable: (s, m) => orgReadable(s, m) || s.user?.id === m.userId,
  always: ['userId'],
  // A membership's user is a member of its org: visible wherever the membership is.
  relations: {
    user: { type: 'User', via: 'userId', joined: 'user' },
    organization: { type: 'Organization', via: 'orgId' },
  },
  fields: (t) => ({
    role: t.expose('role', { type: MembershipRole }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const MembershipConnection = builder.connectionObject({ type: Membership, name: 'MembershipConnection' });

builder.objectFields(Organization, (t) => ({
  viewerMembership: t.field({
    type: Membership,
    nullable: true,
    description: "The caller's own membership here; null for an API key.",
    resolve: (org, _args, ctx) => {
      const { session } = ctx;
      if (!session.user) return null;
      const active = session.org?.id === org.id ? session.org.membership : null;
      return active
        ? loadReadable<MembershipRow>(ctx, 'Membership', active.id)
        : ctx.loaders.viewerMembership<MembershipRow>(org.id);
    },
  }),
}));

organizationConnection('members', {
  type: MembershipConnection,
  description: 'Members and READ API keys, newest first.',
  scope: 'activeOrg',
  pages: { typeName: 'Membership', parent: 'Organization', relation: 'memberships' },
});

// ---- mutations -------------------------------------------------------------

/**
 * The org's admin memberships as committed now, with concurrent admin changes
 * of this org waiting until this request ends: "is this the last admin?" then
 * holds also when two admins act at the same moment.
 */
async function lockedAdmins(ctx: Context, orgId: string): Promise<string[]> {
  await ctx.session.lock(`admins:${orgId}`);
  const admins = await ctx.session.db.membership.findMany({ where: { role: 'ADMIN' }, select: { id: true } });
  return admins.map((a) => a.id);
}

const LAST_ADMIN = (field: string[]) =>
  userError('LAST_ADMIN', 'An organization needs an admin: make someone else admin first.', field);

/** The active org's membership with this global id, or NOT_FOUND. */
async function membershipInOrg(ctx: Context, globalId: string) {
  const membership = await ctx.session.db.membership.findUnique({ where: { id: idOfType(globalId, 'Membership') } });
  if (!membership) throw apiError('NOT_FOUND', 'Membership not found.');
  return membership;
}

const MembershipPayload = entityPayload('MembershipPayload', 'membership', 'Membership');

const UpdateMembershipRoleInput = builder.inputType('UpdateMembershipRoleInput', {
  fields: (t) => ({
    membershipId: t.id({ required: true }),
    role: t.field({ type: MembershipRole, required: true }),
  }),
});

builder.mutationField('updateMembershipRole', (t) =>
  t.field({
    type: MembershipPayload,
    description: "Admins. The last admin can't be demoted.",
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: UpdateMembershipRoleInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const { session } = ctx;
      const target = await membershipInOrg(ctx, input.membershipId);
      const orgId = session.org!.id;
      const result = await session.atomically(async (): Promise<MutationResult> => {
        if (input.role === 'MEMBER') {
          const admins = await lockedAdmins(ctx, orgId);
          if (admins.length === 1 && admins[0] === target.id) {
            return { id: null, userErrors: [LAST_ADMIN(['input', 'role'])] };
          }
        }
        // Read again under the lock: it may have left or changed meanwhile.
        const current = await session.db.membership.findUnique({ where: { id: target.id } });
        if (!current) throw apiError('NOT_FOUND', 'Membership not found.');
        if (current.role !== input.role) {
          await session.db.membership.update({ where: { id: target.id }, data: { role: input.role } });
          await recordAuditEvent(session, orgId, {
            action: 'membership.role_changed',
            targetType: 'Membership',
            targetId: target.id,
          });
        }
        return { id: target.id, userErrors: [] };
      });
      if (result.id && target.userId === session.user?.id) {
        await session.ownMembershipChanged({ id: target.id, role: input.role });
      }
      return result;
    },
  }),
);

const RemoveMembershipPayload = removedPayload('RemoveMembershipPayload', 'removedMembershipId', 'Membership');

/**
 * The lock that serializes a member's removal with tasks being assigned to
 * them: whichever comes second sees the first's outcome (the task unassigned
 * by the removal, or the assignment refused: not a member).
 */
export const memberLock = (orgId: string, userId: string) => `member:${orgId}:${userId}`;

/** Removes a membership unless it is the org's last admin; its tasks lose their assignee. */
async function removeFromOrg(
  ctx: Context,
  membership: { id: string; userId: string },
  action: string,
  field: string[],
): Promise<MutationResult> {
  const { session } = ctx;
  const orgId = session.org!.id;
  const result = await session.atomically(async (): Promise<MutationResult> => {
    const admins = await lockedAdmins(ctx, orgId);
    if (admins.length === 1 && admins[0] === membership.id) {
      return { id: null, userErrors: [LAST_ADMIN(field)] };
    }
    await session.lock(memberLock(orgId, membership.userId));
    await session.db.task.updateMany({ where: { assigneeId: membership.userId }, data: { assigneeId: null } });
    const removed = await session.db.membership.deleteMany({ where: { id: membership.id } });
    if (removed.count === 0) throw apiError('NOT_FOUND', 'Membership not found.');
    await recordAuditEvent(session, orgId, { action, targetType: 'Membership', targetId: membership.id });
    return { id: membership.id, userErrors: [] };
  });
  // Who leaves (or removes themselves) can do nothing more in this request.
  if (result.id && membership.userId === session.user?.id) await session.ownMembershipChanged(null);
  return result;
}

const MembershipRefInput = builder.inputType('MembershipRefInput', {
  fields: (t) => ({ membershipId: t.id({ required: true }) }),
});

builder.mutationField('removeMembership', (t) =>
  t.field({
    type: RemoveMembershipPayload,
    description: "Admins. The last admin can't be removed.",
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: MembershipRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      removeFromOrg(ctx, await membershipInOrg(ctx, input.membershipId), 'membership.removed', [
        'input',
        'membershipId',
      ]),
  }),
);

builder.mutationField('leaveOrganization', (t) =>
  t.field({
    type: RemoveMembershipPayload,
    description: 'The caller leaves the active org, unless they are its last admin.',
    authScopes: { orgMember: true },
    resolve: (_root, _args, ctx) =>
      removeFromOrg(ctx, { id: ctx.session.org!.membership!.id, userId: ctx.session.user!.id }, 'membership.left', []),
  }),
);
