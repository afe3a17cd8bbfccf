import { z } from 'zod';
import { apiError } from '../errors.js';
import type { Organization as OrganizationRow } from '../generated/prisma/client.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isUniqueViolation } from '../lib/database-errors.js';
import { slugFromName, slugSchema } from '../lib/slug.js';
import type { ArgBuilder, InputFieldMap, ObjectRef } from '@pothos/core';
import { builder, type SchemaTypes } from './builder.js';
import type { RelationPages } from './loading/loaders.js';
import type { PageArgs } from './loading/pages.js';
import { loadReadable, modelNode, pageArgs, visibleWhenLoaded } from './model.js';
import { parseInput, removedPayload, UserError, userError, type UserErrorShape } from './payload.js';

// Visible when it is the active one, the user is its member, or it invited the
// user's verified email (its id, slug and name through the invitation): both
// walls decide (tenancy/org-scope.ts, the visible_orgs policy). Its org-owned
// connections answer on the active organization only; elsewhere they are null
// with FORBIDDEN at their path (contract.graphql).
export const Organization = modelNode('Organization', {
  model: 'Organization',
  readable: visibleWhenLoaded,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('organization', (t) =>
  t.field({
    type: Organization,
    nullable: true,
    description: "The request's active organization, or null.",
    authScopes: { authenticated: true },
    // The session opened with it: no query.
    resolve: (_root, _args, ctx) => ctx.session.org,
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
  orgId: string | null;
  userErrors: UserErrorShape[];
}

const CreateOrganizationPayload = builder.objectRef<CreateOrganizationResult>('CreateOrganizationPayload').implement({
  fields: (t) => ({
    // The new org is not the request's active one: the creator sees it as its member.
    organization: t.field({
      type: Organization,
      nullable: true,
      resolve: (p, _args, ctx) => loadReadable<OrganizationRow>(ctx, 'Organization', p.orgId),
    }),
    membership: t.field({
      type: 'Membership',
      nullable: true,
      description: "The creator's ADMIN membership.",
      resolve: (p, _args, ctx) => (p.orgId ? ctx.session.crossTenant.findViewerMembership(p.orgId) : null) as never,
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
      if (parsed.errors) return { orgId: null, userErrors: parsed.errors };
      const { name, slug } = parsed.data;
      // An explicit slug is taken or not; a derived one gets a short suffix until free.
      for (let attempt = 0; attempt < (slug ? 1 : SLUG_ATTEMPTS); attempt++) {
        const candidate = slug ?? (attempt === 0 ? slugFromName(name) : `${slugFromName(name)}-${randomSuffix()}`);
        try {
          const created = await ctx.session.crossTenant.createOrganizationWithAdmin(
            { name, slug: candidate },
            (orgId) => ({
              action: 'organization.created',
              targetType: 'Organization',
              targetId: orgId,
            }),
          );
          return { orgId: created.organization.id, userErrors: [] };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return {
        orgId: null,
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

/** `{ organization, userErrors }` payloads, the organization read again as the caller sees it. */
function organizationPayload(name: string) {
  return builder.objectRef<{ orgId: string | null; userErrors: UserErrorShape[] }>(name).implement({
    fields: (t) => ({
      organization: t.field({
        type: Organization,
        nullable: true,
        resolve: (p, _args, ctx) => loadReadable<OrganizationRow>(ctx, 'Organization', p.orgId),
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
      const orgId = await ctx.session.crossTenant.storeActiveOrganization(parsed.data);
      // Not a member behaves exactly like no such organization.
      if (!orgId) throw apiError('NOT_FOUND', 'Organization not found.');
      return { orgId, userErrors: [] };
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
      const { session } = ctx;
      const orgId = session.org!.id;
      const data = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v != null));
      if (Object.keys(data).length === 0) return { orgId, userErrors: [] };
      try {
        return await session.atomically(async () => {
          await session.db.organization.update({ where: { id: orgId }, data });
          await recordAuditEvent(session, orgId, {
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
      const { session } = ctx;
      const org = session.org!;
      if (input.confirmSlug.trim().toLowerCase() !== org.slug) {
        const message = `Type the organization's slug (${org.slug}) to confirm.`;
        return {
          id: null,
          userErrors: [userError('CONFIRMATION_MISMATCH', message, ['input', 'confirmSlug'])],
        };
      }
      // Foreign keys cascade to everything the org owns; its audit trail goes
      // with it, so the deletion is logged instead.
      // Everything the org owns goes with it: as long as that takes (its own budget).
      await session.longWork();
      await session.atomically(() => session.db.organization.delete({ where: { id: org.id } }));
      await session.ownMembershipChanged('org deleted');
      ctx.log.info({ orgId: org.id, slug: org.slug, actorId: session.user?.id }, 'organization.deleted');
      return { id: org.id, userErrors: [] };
    },
  }),
);

type ActiveOrgScope = 'activeOrg' | 'activeOrgMember' | 'activeOrgAdmin';

/**
 * A connection of the organization's own rows (members, projects, ...):
 * answered on the active organization only, for the callers `scope` names;
 * on any other organization it is null with FORBIDDEN at its path.
 */
export function organizationConnection<Shape>(
  name: string,
  options: {
    type: ObjectRef<SchemaTypes, Shape>;
    pages: RelationPages;
    description: string;
    scope: ActiveOrgScope;
    /** Arguments beyond the page's, read by `pages.where`. */
    args?: (t: { arg: ArgBuilder<SchemaTypes> }) => InputFieldMap;
  },
) {
  builder.objectField(Organization, name, (t) =>
    t.field({
      type: options.type,
      nullable: true,
      description: options.description,
      args: { ...pageArgs(t), ...options.args?.(t) },
      authScopes: (org) => ({ [options.scope]: org.id }),
      // The page of `pages.typeName` rows is the connection type's shape; TypeScript can't follow a generic Shape here.
      resolve: (org, args, ctx, info) =>
        ctx.loaders.page(options.pages, org.id, args as PageArgs & Record<string, unknown>, info) as never,
    }),
  );
}
