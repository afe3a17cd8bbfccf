import type { Membership as MembershipRow } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { connectionSelection, selectFor } from './loading/columns.js';
import { connectionOf, pageFor, POSITION_COLUMNS } from './loading/pages.js';
import { MembershipConnection } from './membership.js';
import { pageArgs } from './model.js';
import { Organization } from './organization.js';
import { User } from './user.js';

/** Who is calling: resolved from the session, so the viewer object carries nothing. */
export const Viewer = builder.objectRef<object>('Viewer').implement({
  description: "Who is calling: a signed-in user, or an integrator's API key.",
  fields: (t) => ({
    // The session opened with these: no query.
    user: t.field({ type: User, nullable: true, resolve: (_v, _a, ctx) => ctx.session.user as never }),
    activeOrganization: t.field({
      type: Organization,
      nullable: true,
      description: 'The organization this request acts on, or null.',
      resolve: (_v, _a, ctx) => ctx.session.org,
    }),
    memberships: t.field({
      type: MembershipConnection,
      description: 'Every membership of the signed-in user, across all their organizations.',
      args: pageArgs(t),
      resolve: async (_v, args, ctx, info) => {
        const page = pageFor(args);
        const { session } = ctx;
        if (!session.user) return connectionOf<MembershipRow>(page, [], 0);
        const selection = connectionSelection(info);
        const [rows, totalCount] = await Promise.all([
          selection.rows
            ? session.crossTenant.listViewerMemberships({
                where: page.query.where,
                orderBy: page.query.orderBy,
                take: page.query.take,
                select: selectFor('Membership', selection.nodeFields, selection.cursors ? POSITION_COLUMNS : []),
              })
            : [],
          selection.totalCount ? session.crossTenant.countViewerMemberships() : 0,
        ]);
        await ctx.loaders.preload('Membership', rows, selection.nodeFields);
        return connectionOf(page, rows as MembershipRow[], totalCount);
      },
    }),
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
