import { modelNode, usersAndReadKeys } from './model.js';

// Visible to themselves, and to the callers of an org they belong to, inside
// it: both walls decide (tenancy/org-scope.ts, the users policies); an API key
// reads them only with READ.
export const User = modelNode('User', {
  model: 'User',
  readable: usersAndReadKeys,
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name', { nullable: true }),
  }),
});
