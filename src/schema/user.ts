import type { Context } from '../context.js';
import { NO_ROW_ID } from '../lib/global-id.js';
import { builder } from './builder.js';

/** A user is visible to themselves, and to callers of an org they belong to, inside it. */
export function visibleUserWhere(id: string, ctx: Context) {
  if (ctx.user?.id === id) return { id };
  if (ctx.org) return { id, memberships: { some: { orgId: ctx.org.id } } };
  return { id: NO_ROW_ID };
}

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  nullable: true, // node(id) of something invisible is null, not an error
  findUnique: (id, ctx) => visibleUserWhere(id, ctx),
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name', { nullable: true }),
  }),
});
