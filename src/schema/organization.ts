import { z } from 'zod';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { NO_ROW_ID } from '../lib/global-id.js';
import { slugFromName, slugSchema } from '../lib/slug.js';
import { createOrganizationWithAdmin, findViewerMembership, storeActiveOrganization } from '../tenancy/cross-tenant.js';
import { atomically } from '../tenancy/scope.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isUniqueViolation } from '../lib/database-errors.js';
import { builder, newestFirst, pageLimits } from './builder.js';
import { Membership, MembershipConnection } from './membership.js';
import { parseInput, removedPayload, UserError, userError, type UserErrorShape } from './payload.js';

/** An org is visible when it is the active one, or the user is its member. */
function visibleOrgWhere(id: string, ctx: Context) {
  if (ctx.org?.id === id) return { id };
  if (ctx.user) return { id, memberships: { some: { userId: ctx.user.id } } };
  return { id: NO_ROW_ID };
}

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  nullable: true, // node(id) of something invisible is null, not an error
  findUnique: (id, ctx) => visibleOrgWhere(id, ctx),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    viewerMembership: t.prismaField({
      type: 'Membership',
      nullable: true,
      description: "The caller's own membership here; null for an API key.",
      resolve: (query, org, _args, ctx) => (ctx.user ? findViewerMembership(ctx.db, ctx.user.id, org.id, query) : null),
    }),
    // Org-owned connections answer on the active organization only; elsewhere
    // they are null with FORBIDDEN at their path (contract.graphql).
    members: t.relatedConnection(
      'memberships',
      {
        cursor: 'id',
        ...pageLimits,
        totalCount: true,
        nullable: true,
        authScopes: (org) => ({ activeOrg: org.id }),
        query: () => ({ orderBy: newestFirst }),
      },
      MembershipConnection,
    ),
  }),
});

builder.queryField('organization', (t) =>
  t.prismaField({
    type: 'Organization',
    nullable: true,
    description: "The request's active organization, or null.",
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.org ? ctx.db.client.organization.findUnique({ ...query, where: { id: ctx.org.id } }) : null,
  }),
);

const orgNameSchema = z
  .string()
  .trim()
  .min(1, 'Name must not be empty')
  .max(100, 'Name must have at most 100 characters');

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    slug: t.string({ description: 'Lowercase letters, digits and dashes; derived from the name when absent.' }),
  }),
});

interface CreateOrganizationResult {
  organization: Prisma.OrganizationGetPayload<object> | null;
  membership: Prisma.MembershipGetPayload<object> | null;
  userErrors: UserErrorShape[];
}

const CreateOrganizationPayload = builder.objectRef<CreateOrganizationResult>('CreateOrganizationPayload').implement({
  fields: (t) => ({
    // Re-read with the selection's query: the new org is not the request's active
    // one, so its rows are reached the cross-tenant way (as the creator).
    organization: t.prismaField({
      type: Organization,
      nullable: true,
      resolve: (query, p, _args, ctx) =>
        p.organization
          ? ctx.db.client.organization.findUnique({ ...query, where: visibleOrgWhere(p.organization.id, ctx) })
          : null,
    }),
    membership: t.prismaField({
      type: Membership,
      nullable: true,
      description: "The creator's ADMIN membership.",
      resolve: (query, p, _args, ctx) =>
        p.membership ? findViewerMembership(ctx.db, p.membership.userId, p.membership.orgId, query) : null,
    }),
    userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
  }),
});

const SLUG_ATTEMPTS = 5;

builder.mutationField('createOrganization', (t) =>
  t.field({
    type: CreateOrganizationPayload,
    description: 'Any signed-in user; the creator becomes its ADMIN.',
    authScopes: { user: true },
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<CreateOrganizationResult> => {
      const parsed = parseInput(z.object({ name: orgNameSchema, slug: slugSchema.nullish() }), input);
      if (parsed.errors) return { organization: null, membership: null, userErrors: parsed.errors };
      const { name, slug } = parsed.data;
      // An explicit slug is taken or not; a derived one gets a short suffix until free.
      for (let attempt = 0; attempt < (slug ? 1 : SLUG_ATTEMPTS); attempt++) {
        const candidate = slug ?? (attempt === 0 ? slugFromName(name) : `${slugFromName(name)}-${randomSuffix()}`);
        try {
          const created = await createOrganizationWithAdmin(
            ctx.db,
            ctx.org?.id ?? null,
            ctx.user!,
            { name, slug: candidate },
            (orgId) =>
              recordAuditEvent(ctx, orgId, {
                action: 'organization.created',
                targetType: 'Organization',
                targetId: orgId,
              }),
          );
          return { ...created, userErrors: [] };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return {
        organization: null,
        membership: null,
        userErrors: [userError('SLUG_TAKEN', 'This slug is taken; choose another.', ['input', 'slug'])],
      };
    },
  }),
);

function randomSuffix() {
  return Math.random().toString(36).slice(2, 6);
}

const SetActiveOrganizationInput = builder.inputType('SetActiveOrganizationInput', {
  fields: (t) => ({ slug: t.string({ required: true }) }),
});

/** `{ organization, userErrors }` payloads, the organization re-read with the selection's query. */
function organizationPayload(name: string) {
  return builder.objectRef<{ orgId: string | null; userErrors: UserErrorShape[] }>(name).implement({
    fields: (t) => ({
      organization: t.prismaField({
        type: 'Organization',
        nullable: true,
        resolve: (query, p, _args, ctx) =>
          p.orgId ? ctx.db.client.organization.findUnique({ ...query, where: visibleOrgWhere(p.orgId, ctx) }) : null,
      }),
      userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
    }),
  });
}

const SetActiveOrganizationPayload = organizationPayload('SetActiveOrganizationPayload');

builder.mutationField('setActiveOrganization', (t) =>
  t.field({
    type: SetActiveOrganizationPayload,
    description: "Stores the user's active organization; they must be a member.",
    authScopes: { user: true },
    args: { input: t.arg({ type: SetActiveOrganizationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const parsed = parseInput(slugSchema, input.slug);
      if (parsed.errors) {
        return { orgId: null, userErrors: parsed.errors.map((e) => ({ ...e, field: ['input', 'slug'] })) };
      }
      const org = await storeActiveOrganization(ctx.db, ctx.user!, parsed.data);
      // Not a member behaves exactly like no such organization.
      if (!org) throw apiError('NOT_FOUND', 'Organization not found.');
      return { orgId: org.id, userErrors: [] };
    },
  }),
);

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  fields: (t) => ({ name: t.string(), slug: t.string() }),
});

const UpdateOrganizationPayload = organizationPayload('UpdateOrganizationPayload');

builder.mutationField('updateOrganization', (t) =>
  t.field({
    type: UpdateOrganizationPayload,
    description: 'Active org; admins.',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const parsed = parseInput(z.object({ name: orgNameSchema.nullish(), slug: slugSchema.nullish() }), input);
      if (parsed.errors) return { orgId: null, userErrors: parsed.errors };
      const orgId = ctx.org!.id;
      const data = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v != null));
      if (Object.keys(data).length === 0) return { orgId, userErrors: [] };
      try {
        return await atomically(ctx.db, async () => {
          await ctx.db.client.organization.update({ where: { id: orgId }, data });
          await recordAuditEvent(ctx, orgId, {
            action: 'organization.updated',
            targetType: 'Organization',
            targetId: orgId,
          });
          return { orgId, userErrors: [] };
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return {
          orgId: null,
          userErrors: [userError('SLUG_TAKEN', 'This slug is taken; choose another.', ['input', 'slug'])],
        };
      }
    },
  }),
);

const DeleteOrganizationInput = builder.inputType('DeleteOrganizationInput', {
  fields: (t) => ({
    confirmSlug: t.string({ required: true, description: "Must equal the active organization's slug." }),
  }),
});

const DeleteOrganizationPayload = removedPayload('DeleteOrganizationPayload', 'deletedOrganizationId', 'Organization');

builder.mutationField('deleteOrganization', (t) =>
  t.field({
    type: DeleteOrganizationPayload,
    description: 'Active org; admins. Removes everything the org owns, in one transaction.',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: DeleteOrganizationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const org = ctx.org!;
      if (input.confirmSlug.trim().toLowerCase() !== org.slug) {
        const message = `Type the organization's slug (${org.slug}) to confirm.`;
        return {
          id: null,
          userErrors: [userError('CONFIRMATION_MISMATCH', message, ['input', 'confirmSlug'])],
        };
      }
      // Foreign keys cascade to everything the org owns; its audit trail goes
      // with it, so the deletion is logged instead.
      await atomically(ctx.db, () => ctx.db.client.organization.delete({ where: { id: org.id } }));
      ctx.log.info({ orgId: org.id, slug: org.slug, actorId: ctx.user?.id }, 'organization.deleted');
      return { id: org.id, userErrors: [] };
    },
  }),
);
