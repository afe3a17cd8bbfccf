import { countViewerMemberships, listViewerMemberships } from '../tenancy/cross-tenant.js';
import { builder, pageLimits } from './builder.js';
import { MembershipConnection } from './membership.js';
import { Organization } from './organization.js';
import { User } from './user.js';

/** Who is calling: resolved from the context, so the viewer object carries nothing. */
export const Viewer = builder.objectRef<object>('Viewer').implement({
  description: "Who is calling: a signed-in user, or an integrator's API key.",
  fields: (t) => ({
    user: t.prismaField({
      type: User,
      nullable: true,
      resolve: (query, _v, _a, ctx) =>
        ctx.user ? ctx.db.client.user.findUnique({ ...query, where: { id: ctx.user.id } }) : null,
    }),
    activeOrganization: t.prismaField({
      type: Organization,
      nullable: true,
      description: 'The organization this request acts on, or null.',
      resolve: (query, _v, _a, ctx) =>
        ctx.org ? ctx.db.client.organization.findUnique({ ...query, where: { id: ctx.org.id } }) : null,
    }),
    memberships: t.prismaConnection(
      {
        type: 'Membership',
        cursor: 'id',
        ...pageLimits,
        description: 'Every membership of the signed-in user, across all their organizations.',
        totalCount: (_v, _a, ctx) => (ctx.user ? countViewerMemberships(ctx.db, ctx.user.id) : 0),
        resolve: (query, _v, _a, ctx) =>
          ctx.user ? listViewerMemberships(ctx.db, ctx.user.id, query) : Promise.resolve([]),
      },
      MembershipConnection,
    ),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description: 'UNAUTHENTICATED error without credentials.',
    authScopes: { authenticated: true },
    resolve: () => ({}),
  }),
);
