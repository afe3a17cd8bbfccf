import type { Context } from '../context.js';
import type { User as UserRow } from '../generated/prisma/client.js';
import { loadReadable, modelNode, visibleWhenLoaded } from './model.js';

// Visible to themselves, and to the callers of an org they belong to, inside
// it: both walls decide (tenancy/org-scope.ts, the users policies).
export const User = modelNode('User', {
  model: 'User',
  readable: visibleWhenLoaded,
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name', { nullable: true }),
  }),
});

/** A to-one relation to a user: the user if the caller may see them, else null (e.g. one who left). */
export function userById(ctx: Context, id: string | null | undefined) {
  return loadReadable<UserRow>(ctx, 'User', id);
}
