import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { MembershipRole as Role } from '../generated/prisma/enums.js';
import { idOfType } from '../lib/global-id.js';
import { atomically } from '../tenancy/scope.js';
import { recordAuditEvent } from '../lib/audit.js';
import { builder } from './builder.js';
import { entityPayload, removedPayload, userError, type MutationResult } from './payload.js';

export const MembershipRole = builder.enumType(Role, { name: 'MembershipRole' });

export const Membership = builder.prismaNode('Membership', {
  id: { field: 'id' },
  // Members and READ keys of its org, and the member themselves from any org.
  authScopes: (m) => ({ $any: { activeOrg: m.orgId, self: m.userId } }),
  nullable: true, // node(id) of something invisible is null, not an error
  fields: (t) => ({
    role: t.expose('role', { type: MembershipRole }),
    user: t.relation('user'),
    organization: t.relation('org'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const MembershipConnection = builder.connectionObject({ type: Membership, name: 'MembershipConnection' });

// ---- mutations -------------------------------------------------------------

/**
 * Locks the org's admin memberships (in id order, so concurrent callers queue
 * instead of deadlocking) and returns their ids as committed now: the check
 * "is this the last admin?" then holds until the transaction ends, also when two
 * admins act at the same moment. Raw SQL for FOR UPDATE; the org is explicit and
 * RLS still applies.
 */
async function lockAdmins(ctx: Context, orgId: string): Promise<string[]> {
  const rows = await ctx.db.client.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM memberships WHERE org_id = ${orgId}::uuid AND role = 'ADMIN' ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

const LAST_ADMIN = (field: string[]) =>
  userError('LAST_ADMIN', 'An organization needs an admin: make someone else admin first.', field);

/** The active org's membership with this global id, or NOT_FOUND. */
async function membershipInOrg(ctx: Context, globalId: string) {
  const membership = await ctx.db.client.membership.findUnique({ where: { id: idOfType(globalId, 'Membership') } });
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
      const target = await membershipInOrg(ctx, input.membershipId);
      const orgId = ctx.org!.id;
      return atomically(ctx.db, async () => {
        if (input.role === 'MEMBER') {
          const admins = await lockAdmins(ctx, orgId);
          if (admins.length === 1 && admins[0] === target.id) {
            return { id: null, userErrors: [LAST_ADMIN(['input', 'role'])] };
          }
        }
        // Re-read under the lock: it may have left or changed meanwhile.
        const current = await ctx.db.client.membership.findUnique({ where: { id: target.id } });
        if (!current) throw apiError('NOT_FOUND', 'Membership not found.');
        if (current.role !== input.role) {
          await ctx.db.client.membership.update({ where: { id: target.id }, data: { role: input.role } });
          await recordAuditEvent(ctx, orgId, {
            action: 'membership.role_changed',
            targetType: 'Membership',
            targetId: target.id,
          });
        }
        return { id: target.id, userErrors: [] };
      });
    },
  }),
);

const RemoveMembershipPayload = removedPayload('RemoveMembershipPayload', 'removedMembershipId', 'Membership');

/** Removes a membership unless it is the org's last admin; its tasks lose their assignee. */
async function removeFromOrg(
  ctx: Context,
  membership: { id: string; userId: string },
  action: string,
  field: string[],
): Promise<MutationResult> {
  const orgId = ctx.org!.id;
  return atomically(ctx.db, async () => {
    const admins = await lockAdmins(ctx, orgId);
    if (admins.length === 1 && admins[0] === membership.id) {
      return { id: null, userErrors: [LAST_ADMIN(field)] };
    }
    await ctx.db.client.task.updateMany({ where: { assigneeId: membership.userId }, data: { assigneeId: null } });
    const removed = await ctx.db.client.membership.deleteMany({ where: { id: membership.id } });
    if (removed.count === 0) throw apiError('NOT_FOUND', 'Membership not found.');
    await ctx.db.client.user.updateMany({
      where: { id: membership.userId, activeOrgId: orgId },
      data: { activeOrgId: null },
    });
    await recordAuditEvent(ctx, orgId, { action, targetType: 'Membership', targetId: membership.id });
    return { id: membership.id, userErrors: [] };
  });
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
      removeFromOrg(ctx, { id: ctx.org!.membership!.id, userId: ctx.user!.id }, 'membership.left', []),
  }),
);
