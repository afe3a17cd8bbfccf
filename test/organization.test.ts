// Organizations, memberships, node lookups: the five callers (no credentials,
// non-member, member, admin, API key) against every field served so far.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let admin: { token: string; orgId: string; slug: string };
let memberToken: string;
let outsider: { token: string; orgId: string; slug: string };
let readKey: string;
let writeOnlyKey: string;

const MEMBERS = `query($first: Int, $after: String, $last: Int, $before: String) {
  organization { slug members(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id role user { email } } } } } }`;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.userWithOrg('admin@example.com', 'acme');
  outsider = await app.userWithOrg('outsider@example.com', 'other');
  memberToken = await app.token('member@example.com');
  await app.gql('{ viewer { user { id } } }', {}, { token: memberToken });
  const member = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'member@example.com' } });
  await app.db.prisma.membership.create({ data: { orgId: admin.orgId, userId: member.id, role: 'MEMBER' } });
  // 25 more members, so pages are real.
  for (let i = 0; i < 25; i++) {
    const user = await app.db.prisma.user.create({
      data: { issuer: 'test', subject: `m${i}`, email: `m${i}@example.com` },
    });
    await app.db.prisma.membership.create({ data: { orgId: admin.orgId, userId: user.id, role: 'MEMBER' } });
  }
  readKey = await app.apiKey(admin.orgId, ['READ']);
  writeOnlyKey = await app.apiKey(admin.orgId, ['WRITE']);
});
afterAll(() => app?.close());

describe('organization and its members', () => {
  test('no credentials: UNAUTHENTICATED', async () => {
    expect((await app.gql(MEMBERS, {}, { org: 'acme' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('non-member: organization is null', async () => {
    const res = await app.gql(MEMBERS, {}, { token: outsider.token, org: 'acme' });
    expect(res).toEqual({ status: 200, data: { organization: null } });
  });

  test.each([
    ['member', () => memberToken, undefined],
    ['admin', () => admin.token, undefined],
    ['READ API key', undefined, () => readKey],
  ])('%s: reads the members, newest first, 20 by default', async (_who, token, apiKey) => {
    const res = await app.gql(MEMBERS, {}, { token: token?.(), apiKey: apiKey?.(), org: 'acme' });
    expect(res.errors).toBeUndefined();
    const members = res.data.organization.members;
    expect(members.totalCount).toBe(27);
    expect(members.edges).toHaveLength(20);
    expect(members.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // Newest first: the last seeded member leads, the admin (oldest) is not on page one.
    expect(members.edges[0].node.user.email).toBe('m24@example.com');
  });

  test('an API key without READ may not read members', async () => {
    const res = await app.gql(MEMBERS, {}, { apiKey: writeOnlyKey });
    expect(res.data.organization.members).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ['organization', 'members'], extensions: { code: 'FORBIDDEN' } });
  });

  test('pages forward and backward with stable cursors and no overlap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await app.gql(MEMBERS, { first: 10, after }, { token: admin.token, org: 'acme' });
      const { edges, pageInfo } = res.data.organization.members;
      seen.push(...edges.map((e: any) => e.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
    const last = await app.gql(MEMBERS, { last: 2 }, { token: admin.token, org: 'acme' });
    expect(last.data.organization.members.edges.map((e: any) => e.node.id)).toEqual(seen.slice(-2));
    const before = await app.gql(
      MEMBERS,
      { last: 3, before: last.data.organization.members.pageInfo.startCursor },
      { token: admin.token, org: 'acme' },
    );
    expect(before.data.organization.members.edges.map((e: any) => e.node.id)).toEqual(seen.slice(-5, -2));
  });

  test('a page over 100, a negative page or a bad cursor is BAD_USER_INPUT', async () => {
    for (const variables of [{ first: 101 }, { last: 500 }, { first: -1 }, { after: 'garbage' }]) {
      const res = await app.gql(MEMBERS, variables, { token: admin.token, org: 'acme' });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect((await app.gql(MEMBERS, { first: 100 }, { token: admin.token, org: 'acme' })).errors).toBeUndefined();
  });

  test("viewerMembership is the caller's own; null for an API key", async () => {
    const query = '{ organization { viewerMembership { role user { email } } } }';
    expect((await app.gql(query, {}, { token: memberToken, org: 'acme' })).data.organization.viewerMembership).toEqual({
      role: 'MEMBER',
      user: { email: 'member@example.com' },
    });
    expect((await app.gql(query, {}, { apiKey: readKey })).data.organization.viewerMembership).toBeNull();
  });
});

describe('viewer.memberships across organizations', () => {
  test('lists every org of the user; org-owned connections answer only on the active org', async () => {
    await app.gql(
      'mutation { createOrganization(input: { name: "Side" }) { userErrors { code } } }',
      {},
      { token: admin.token },
    );
    const res = await app.gql(
      `{ viewer { memberships { totalCount edges { node { role organization { slug viewerMembership { role } members(first: 1) { totalCount } } } } } } }`,
      {},
      { token: admin.token, org: 'acme' },
    );
    const byOrg = Object.fromEntries(
      res.data.viewer.memberships.edges.map((e: any) => [e.node.organization.slug, e.node]),
    );
    expect(Object.keys(byOrg).sort()).toEqual(['acme', 'side']);
    expect(res.data.viewer.memberships.totalCount).toBe(2);
    expect(byOrg.acme.organization.members).toEqual({ totalCount: 27 });
    expect(byOrg.side.organization.viewerMembership).toEqual({ role: 'ADMIN' });
    expect(byOrg.side.organization.members).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors![0]!.path).toContain('members');
  });
});

describe('node and nodes', () => {
  test("ids of other orgs' objects behave like ids that do not exist", async () => {
    const acmeMembership = await app.db.prisma.membership.findFirstOrThrow({ where: { orgId: admin.orgId } });
    const otherMembership = await app.db.prisma.membership.findFirstOrThrow({ where: { orgId: outsider.orgId } });
    const outsiderUser = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'outsider@example.com' } });
    const adminUser = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'admin@example.com' } });
    const ids = [
      encodeGlobalID('Membership', acmeMembership.id),
      encodeGlobalID('Membership', otherMembership.id),
      encodeGlobalID('Organization', admin.orgId),
      encodeGlobalID('Organization', outsider.orgId),
      encodeGlobalID('User', adminUser.id),
      encodeGlobalID('User', outsiderUser.id),
      encodeGlobalID('Membership', '00000000-0000-4000-8000-000000000000'),
    ];
    const res = await app.gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }',
      { ids },
      { token: memberToken, org: 'acme' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes.map((n: any) => n?.id ?? null)).toEqual([ids[0], null, ids[2], null, ids[4], null, null]);
    const single = await app.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: ids[1] },
      { token: memberToken, org: 'acme' },
    );
    expect(single.data).toEqual({ node: null });
  });

  test("an API key sees its org's objects only", async () => {
    const otherOrg = encodeGlobalID('Organization', outsider.orgId);
    const ownOrg = encodeGlobalID('Organization', admin.orgId);
    const res = await app.gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [ownOrg, otherOrg] },
      { apiKey: readKey },
    );
    expect(res.data.nodes).toEqual([{ id: ownOrg }, null]);
  });

  test('without credentials nothing is visible', async () => {
    const res = await app.gql('query($id: ID!) { node(id: $id) { id } }', {
      id: encodeGlobalID('Organization', admin.orgId),
    });
    expect(res.data).toEqual({ node: null });
  });

  test('a malformed id is BAD_USER_INPUT', async () => {
    for (const id of ['nope', encodeGlobalID('Membership', 'not-a-uuid'), 'TWVtYmVyc2hpcA==']) {
      const res = await app.gql(
        'query($id: ID!) { node(id: $id) { id } }',
        { id },
        { token: memberToken, org: 'acme' },
      );
      expect(res.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
    }
  });
});

describe('createOrganization', () => {
  const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
    organization { slug name } membership { role user { email } } userErrors { code field } } }`;

  test('any signed-in user; the creator becomes ADMIN; the slug is derived from the name', async () => {
    const token = await app.token('founder@example.com');
    const res = await app.gql(CREATE, { input: { name: '  Ångström & Co.  ' } }, { token });
    expect(res.data.createOrganization).toEqual({
      organization: { slug: 'angstrom-co', name: 'Ångström & Co.' },
      membership: { role: 'ADMIN', user: { email: 'founder@example.com' } },
      userErrors: [],
    });
    const audit = await app.db.prisma.auditEvent.findFirst({
      where: { action: 'organization.created', org: { slug: 'angstrom-co' } },
    });
    expect(audit).not.toBeNull();
  });

  test('a derived slug that is taken gets a suffix; an explicit one is SLUG_TAKEN and changes nothing', async () => {
    const token = await app.token('founder2@example.com');
    const derived = await app.gql(CREATE, { input: { name: 'Acme' } }, { token });
    expect(derived.data.createOrganization.organization.slug).toMatch(/^acme-[a-z0-9]{4}$/);
    const before = await app.db.prisma.organization.count();
    const taken = await app.gql(CREATE, { input: { name: 'Acme again', slug: 'acme' } }, { token });
    expect(taken.data.createOrganization).toEqual({
      organization: null,
      membership: null,
      userErrors: [{ code: 'SLUG_TAKEN', field: ['input', 'slug'] }],
    });
    expect(await app.db.prisma.organization.count()).toBe(before);
    expect(await app.db.prisma.membership.count({ where: { org: { name: 'Acme again' } } })).toBe(0);
  });

  test.each([
    [{ name: '' }, ['input', 'name']],
    [{ name: 'x'.repeat(101) }, ['input', 'name']],
    [{ name: 'Fine', slug: 'Has Spaces' }, ['input', 'slug']],
    [{ name: 'Fine', slug: 'a' }, ['input', 'slug']],
    [{ name: 'Fine', slug: 'graphql' }, ['input', 'slug']],
    [{ name: 'Fine', slug: '-dash-' }, ['input', 'slug']],
  ])('bad input %j is INVALID_INPUT and changes nothing', async (input, field) => {
    const before = await app.db.prisma.organization.count();
    const res = await app.gql(CREATE, { input }, { token: memberToken });
    expect(res.data.createOrganization.userErrors).toEqual([{ code: 'INVALID_INPUT', field }]);
    expect(res.data.createOrganization.organization).toBeNull();
    expect(await app.db.prisma.organization.count()).toBe(before);
  });

  test('no credentials: UNAUTHENTICATED; an API key: FORBIDDEN', async () => {
    expect((await app.gql(CREATE, { input: { name: 'X' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const keyed = await app.gql(CREATE, { input: { name: 'X' } }, { apiKey: readKey });
    expect(keyed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.db.prisma.organization.count({ where: { name: 'X' } })).toBe(0);
  });
});

describe('audit rows of a request of several mutations', () => {
  test('written before the trail is read in the same request, and before a later mutation deletes their organization', async () => {
    const owner = await app.userWithOrg('audited@example.com', 'audited');
    const as = { token: owner.token, org: 'audited' };
    const both = await app.gql(
      `mutation { createProject(input: { name: "p" }) { userErrors { code } }
        updateOrganization(input: { name: "Audited" }) { organization { auditEvents(first: 5) { edges { node { action } } } } } }`,
      {},
      as,
    );
    expect(both.errors).toBeUndefined();
    const actions = both.data.updateOrganization.organization.auditEvents.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(['project.created', 'organization.updated']));
    const gone = await app.gql(
      `mutation { createProject(input: { name: "q" }) { userErrors { code } }
        deleteOrganization(input: { confirmSlug: "audited" }) { deletedOrganizationId userErrors { code } } }`,
      {},
      as,
    );
    expect(gone.errors).toBeUndefined();
    expect(gone.data.deleteOrganization.userErrors).toEqual([]);
    expect(await app.db.prisma.organization.count({ where: { id: owner.orgId } })).toBe(0);
    expect(await app.db.prisma.auditEvent.count({ where: { orgId: owner.orgId } })).toBe(0);
  });
});
