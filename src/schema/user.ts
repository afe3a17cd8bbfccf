import { modelNode, visibleWhenLoaded } from './model.js';

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
