// Choosing the active organization (contract.graphql, "The active organization").
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let alice: { token: string; orgId: string; slug: string };
let bob: { token: string; orgId: string; slug: string };
const ORG = '{ organization { slug } }';

beforeAll(async () => {
  app = await createTestApp({ env: { BASE_DOMAIN: 'orgraph.test' } });
  alice = await app.userWithOrg('alice@example.com', 'alpha');
  await app.gql(
    'mutation { createOrganization(input: { name: "Second", slug: "second" }) { userErrors { code } } }',
    {},
    { token: alice.token },
  );
  bob = await app.userWithOrg('bob@example.com', 'bravo');
});
afterAll(() => app?.close());

describe('explicit selectors', () => {
  test('the X-Organization header', async () => {
    expect((await app.gql(ORG, {}, { token: alice.token, org: 'second' })).data).toEqual({
      organization: { slug: 'second' },
    });
  });

  test('the path /orgs/<slug>/graphql', async () => {
    expect((await app.gql(ORG, {}, { token: alice.token, path: '/orgs/second/graphql' })).data).toEqual({
      organization: { slug: 'second' },
    });
  });

  test('the subdomain <slug>.<BASE_DOMAIN>', async () => {
    expect((await app.gql(ORG, {}, { token: alice.token, host: 'second.orgraph.test' })).data).toEqual({
      organization: { slug: 'second' },
    });
  });

  test('selectors that agree are fine; case does not matter', async () => {
    const res = await app.gql(
      ORG,
      {},
      { token: alice.token, org: 'Second', path: '/orgs/second/graphql', host: 'second.orgraph.test' },
    );
    expect(res.data).toEqual({ organization: { slug: 'second' } });
  });

  test.each([
    ['header and path', { org: 'alpha', path: '/orgs/second/graphql' }],
    ['header and subdomain', { org: 'alpha', host: 'second.orgraph.test' }],
    ['path and subdomain', { path: '/orgs/alpha/graphql', host: 'second.orgraph.test' }],
  ])('conflicting %s fail the whole request with 400', async (_name, selectors) => {
    const res = await app.gql(ORG, {}, { token: alice.token, ...selectors });
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('an API key selects its own org; naming another one is a conflict', async () => {
    const key = await app.apiKey(bob.orgId, ['READ']);
    expect((await app.gql(ORG, {}, { apiKey: key })).data).toEqual({ organization: { slug: 'bravo' } });
    expect((await app.gql(ORG, {}, { apiKey: key, org: 'bravo' })).data).toEqual({ organization: { slug: 'bravo' } });
    for (const selectors of [{ org: 'alpha' }, { path: '/orgs/alpha/graphql' }, { org: 'no-such-org' }]) {
      const res = await app.gql(ORG, {}, { apiKey: key, ...selectors });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  test('a malformed path is a bad request', async () => {
    const res = await app.gql(ORG, {}, { token: alice.token, path: '/orgs/%E0%A4%A/graphql' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a malformed slug is a bad request', async () => {
    const res = await app.gql(ORG, {}, { token: alice.token, org: 'Not A Slug!' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a fully qualified host (trailing dot) is the same host, and meets the conflict rule', async () => {
    expect((await app.gql(ORG, {}, { token: alice.token, host: 'second.orgraph.test.' })).data).toEqual({
      organization: { slug: 'second' },
    });
    const conflict = await app.gql(ORG, {}, { token: alice.token, org: 'alpha', host: 'second.orgraph.test.' });
    expect(conflict.status).toBe(400);
    expect(conflict.errors?.[0]?.message).toMatch(/Conflicting organization selectors/);
  });

  test('a nested subdomain is refused, never ignored, even beside another selector', async () => {
    for (const selectors of [{ host: 'a.second.orgraph.test' }, { org: 'second', host: 'a.second.orgraph.test' }]) {
      const res = await app.gql(ORG, {}, { token: alice.token, ...selectors });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  test('subdomains count only under BASE_DOMAIN', async () => {
    const res = await app.gql(ORG, {}, { token: bob.token, host: 'alpha.elsewhere.test' });
    // Not a selector: falls back to bob's stored active org.
    expect(res.data).toEqual({ organization: { slug: 'bravo' } });
  });
});

describe('non-members', () => {
  test('selecting an org you are not a member of is exactly like selecting one that does not exist', async () => {
    const foreign = await app.gql(
      `{ organization { slug } viewer { activeOrganization { slug } } }`,
      {},
      { token: bob.token, org: 'alpha' },
    );
    const missing = await app.gql(
      `{ organization { slug } viewer { activeOrganization { slug } } }`,
      {},
      { token: bob.token, org: 'nothing-here' },
    );
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ organization: null, viewer: { activeOrganization: null } });
  });
});

describe('stored active organization', () => {
  test('the first org a user creates becomes active; setActiveOrganization changes it', async () => {
    expect((await app.gql(ORG, {}, { token: alice.token })).data).toEqual({ organization: { slug: 'alpha' } });
    const set = await app.gql(
      'mutation { setActiveOrganization(input: { slug: "second" }) { organization { slug } userErrors { code } } }',
      {},
      { token: alice.token },
    );
    expect(set.data.setActiveOrganization).toEqual({ organization: { slug: 'second' }, userErrors: [] });
    expect((await app.gql(ORG, {}, { token: alice.token })).data).toEqual({ organization: { slug: 'second' } });
    // An explicit selector wins over the stored one.
    expect((await app.gql(ORG, {}, { token: alice.token, org: 'alpha' })).data).toEqual({
      organization: { slug: 'alpha' },
    });
  });

  test('only to an org you belong to: others are NOT_FOUND, like missing ones', async () => {
    for (const slug of ['bravo', 'does-not-exist']) {
      const res = await app.gql(
        'mutation($slug: String!) { setActiveOrganization(input: { slug: $slug }) { organization { slug } } }',
        { slug },
        { token: alice.token },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const bad = await app.gql(
      'mutation { setActiveOrganization(input: { slug: "Bad Slug" }) { organization { slug } userErrors { code field } } }',
      {},
      { token: alice.token },
    );
    expect(bad.data.setActiveOrganization).toEqual({
      organization: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'slug'] }],
    });
  });

  test('setActiveOrganization needs a signed-in user', async () => {
    const key = await app.apiKey(bob.orgId, ['READ', 'WRITE']);
    const mutation = 'mutation { setActiveOrganization(input: { slug: "bravo" }) { organization { slug } } }';
    expect((await app.gql(mutation)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(mutation, {}, { apiKey: key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('no selector and nothing stored: organization is null', async () => {
    const carol = await app.token('carol@example.com');
    expect((await app.gql(ORG, {}, { token: carol })).data).toEqual({ organization: null });
  });
});
