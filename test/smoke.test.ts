import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

test('smoke', async () => {
  const alice = await app.userWithOrg('alice@example.com', 'acme');
  const res = await app.gql(`{ viewer { user { email } activeOrganization { slug } memberships { totalCount edges { node { role organization { slug } } } } } organization { slug members(first: 5) { totalCount edges { node { role user { email } } } } } }`, {}, { token: alice.token });
  console.log(JSON.stringify(res, null, 1));
  expect(res.errors).toBeUndefined();
});
