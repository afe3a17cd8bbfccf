// Pages: what a request costs is bounded by its document, not by its page
// sizes or the tenant's size; cursors are positions, so one naming another
// org's row is just like one naming no row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateApiKey } from '../src/auth/api-key.js';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { encodeCursor } from '../src/schema/loading/pages.js';
import type { Walls } from '../src/tenancy/walls.js';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let counting = false;
let statements: string[] = [];
let acme: { token: string; orgId: string; slug: string };
let other: { token: string; orgId: string; slug: string };
const taskIds: string[] = [];

/** An org with enough of everything that every connection has pages of 2 and of 6 to show. */
async function seedOrg(prisma: TestApp['db']['prisma'], orgId: string, adminId: string) {
  const members = [];
  for (let i = 0; i < 7; i++) {
    const user = await prisma.user.create({
      data: { issuer: 'test', subject: `${orgId}-${i}`, email: `m${i}-${orgId}@example.com`, name: `M${i}` },
    });
    await prisma.membership.create({ data: { orgId, userId: user.id, role: 'MEMBER' } });
    members.push(user);
  }
  for (let i = 0; i < 7; i++) {
    await prisma.invitation.create({
      data: {
        orgId,
        email: `invitee${i}-${orgId}@example.com`,
        role: 'MEMBER',
        tokenHash: randomUUID(),
        invitedById: members[i]!.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const key = generateApiKey();
    const apiKey = await prisma.apiKey.create({
      data: {
        orgId,
        name: `k${i}`,
        publicId: key.publicId,
        secretHash: key.secretHash,
        scopes: ['READ'],
        createdById: adminId,
      },
    });
    await prisma.auditEvent.create({
      data: { orgId, action: 'test.done', actorId: members[i]!.id, apiKeyId: apiKey.id },
    });
    const project = await prisma.project.create({ data: { orgId, name: `p${i}`, createdById: members[i]!.id } });
    for (let t = 0; t < 7; t++) {
      const task = await prisma.task.create({
        data: { orgId, projectId: project.id, title: `t${t}`, assigneeId: members[t]!.id },
      });
      taskIds.push(encodeGlobalID('Task', task.id));
    }
  }
  // Seven labels, each on seven tasks (many-to-many through task_labels).
  const tasks = await prisma.task.findMany({ where: { orgId }, take: 7 });
  for (let i = 0; i < 7; i++) {
    const label = await prisma.label.create({ data: { orgId, name: `l${i}` } });
    await prisma.taskLabel.createMany({ data: tasks.map((task) => ({ orgId, taskId: task.id, labelId: label.id })) });
  }
}

beforeAll(async () => {
  app = await createTestApp({ onStatement: (sql) => counting && statements.push(sql) });
  acme = await app.userWithOrg('admin@example.com', 'acme');
  other = await app.userWithOrg('admin@example.com', 'other');
  const admin = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'admin@example.com' } });
  for (let i = 0; i < 6; i++) {
    const org = await app.db.prisma.organization.create({ data: { slug: `side-${i}`, name: `Side ${i}` } });
    await app.db.prisma.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'MEMBER' } });
  }
  await seedOrg(app.db.prisma, acme.orgId, admin.id);
});
afterAll(() => app?.close());

const DOCUMENTS: Record<string, string> = {
  members: `query($n: Int) { organization { members(first: $n) { totalCount edges { cursor node { role
    user { id email name } organization { slug } } } } } }`,
  invitations: `query($n: Int) { organization { invitations(first: $n) { totalCount edges { node { email status
    invitedBy { email } organization { slug } } } } } }`,
  projects: `query($n: Int) { organization { projects(first: $n) { totalCount pageInfo { endCursor } edges { node { name
    createdBy { email } tasks(first: $n) { totalCount edges { node { title project { name } assignee { email } } } } } } } } }`,
  apiKeys: `query($n: Int) { organization { apiKeys(first: $n) { totalCount edges { node { name prefix createdBy { email } } } } } }`,
  auditEvents: `query($n: Int) { organization { auditEvents(first: $n) { totalCount edges { node { action
    actor { email } apiKey { name createdBy { email } } } } } } }`,
  labels: `query($n: Int) { organization { labels(first: $n) { totalCount edges { cursor node { name
    tasks(first: $n) { totalCount edges { cursor node { title assignee { email } labels(first: $n) { edges { node { name } } } } } } } } } } }`,
  viewerMemberships: `query($n: Int) { viewer { memberships(first: $n) { totalCount edges { node { role
    organization { slug viewerMembership { role } } user { email } } } } } }`,
};

describe('statements per request', () => {
  // Every connection of the pool used once by every document first: what a
  // connection does once (whatever its driver asks on first use) is not a
  // statement of the request being counted.
  beforeAll(async () => {
    for (const query of Object.values(DOCUMENTS)) {
      await Promise.all(Array.from({ length: 12 }, () => app.gql(query, { n: 2 }, { token: acme.token, org: 'acme' })));
    }
  });

  const count = async (query: string, variables: Record<string, unknown>) => {
    statements = [];
    counting = true;
    const res = await app.gql(query, variables, { token: acme.token, org: 'acme' });
    counting = false;
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return { res, count: statements.length };
  };

  test.each(Object.keys(DOCUMENTS))('%s with its nested fields: the same at pages of 2 and of 6', async (name) => {
    const small = await count(DOCUMENTS[name]!, { n: 2 });
    const large = await count(DOCUMENTS[name]!, { n: 6 });
    // The page really grew, and the statements did not.
    expect(JSON.stringify(large.res).length).toBeGreaterThan(JSON.stringify(small.res).length);
    expect(large.count).toBe(small.count);
    // The opening (BEGIN, the prelude), one statement per level and relation, COMMIT.
    expect(large.count).toBeLessThanOrEqual(7);
  });

  test('nodes(ids) of 2 and of 20 tasks, with their project and assignee', async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Task { title project { name } assignee { email } } } }`;
    const small = await count(query, { ids: taskIds.slice(0, 2) });
    const large = await count(query, { ids: taskIds.slice(0, 20) });
    expect(large.res.data.nodes).toHaveLength(20);
    expect(large.res.data.nodes.every((n: { title?: string }) => n?.title)).toBe(true);
    expect(large.count).toBe(small.count);
  });

  test('a lookup by id prepares few statement texts whatever the batch sizes', async () => {
    const texts = new Set<string>();
    for (let n = 1; n <= 33; n++) {
      statements = [];
      counting = true;
      await app.gql(
        `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
        { ids: taskIds.slice(0, n) },
        {
          token: acme.token,
          org: 'acme',
        },
      );
      counting = false;
      for (const sql of statements) if (sql.includes('"tasks"')) texts.add(sql);
    }
    // Batches are padded to powers of two: 1, 2, 4, 8, 16, 32, 64.
    expect(texts.size).toBeLessThanOrEqual(7);
  });
});

test("many-to-many pages: a task's labels most recently attached first, paged by the links' cursors", async () => {
  const task = await app.db.prisma.task.findFirstOrThrow({ where: { orgId: acme.orgId, labelLinks: { some: {} } } });
  const attached = await app.db.prisma.taskLabel.findMany({
    where: { taskId: task.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { label: { select: { id: true } } },
  });
  const page = (args: string) =>
    app.gql(
      `query($id: ID!) { node(id: $id) { ... on Task { labels(${args}) { totalCount
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } } } }`,
      { id: encodeGlobalID('Task', task.id) },
      { token: acme.token, org: 'acme' },
    );
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await page(after ? `first: 3, after: "${after}"` : 'first: 3');
    const labels = res.data.node.labels;
    expect(labels.totalCount).toBe(attached.length);
    seen.push(...labels.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!labels.pageInfo.hasNextPage) break;
    after = labels.pageInfo.endCursor;
  }
  expect(seen).toEqual(attached.map((link) => encodeGlobalID('Label', link.label.id)));
  const last = await page('last: 2');
  expect(last.data.node.labels.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(seen.slice(-2));
  expect(last.data.node.labels.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
});

describe.each(['both', 'app-only', 'rls-only'] as const)('cursors, walls=%s', (walls: Walls) => {
  let walled: TestApp;
  let a: { token: string; orgId: string; slug: string };
  let foreign: { id: string; createdAt: Date };
  beforeAll(async () => {
    walled = await createTestApp({ walls });
    a = await walled.userWithOrg('a@example.com', 'org-a');
    const b = await walled.userWithOrg('b@example.com', 'org-b');
    for (let i = 0; i < 4; i++) {
      const user = await walled.db.prisma.user.create({
        data: { issuer: 'test', subject: `a${i}`, email: `a${i}@example.com` },
      });
      await walled.db.prisma.membership.create({ data: { orgId: a.orgId, userId: user.id, role: 'MEMBER' } });
    }
    foreign = await walled.db.prisma.membership.findFirstOrThrow({ where: { orgId: b.orgId } });
  });
  afterAll(() => walled?.close());

  const members = (args: string) =>
    walled.gql(
      `{ organization { members(${args}) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } }`,
      {},
      {
        token: a.token,
        org: 'org-a',
      },
    );

  test("a cursor naming another org's row is exactly a cursor naming no row", async () => {
    const missing = { id: randomUUID(), createdAt: foreign.createdAt };
    for (const direction of ['first: 3, after', 'last: 3, before'] as const) {
      const viaForeign = await members(`${direction}: "${encodeCursor(foreign)}"`);
      const viaMissing = await members(`${direction}: "${encodeCursor(missing)}"`);
      expect(viaForeign.errors).toBeUndefined();
      expect(viaForeign.data).toEqual(viaMissing.data);
      expect(JSON.stringify(viaForeign)).not.toContain(encodeGlobalID('Membership', foreign.id));
    }
  });

  test("another org's user is invisible by id", async () => {
    const bUser = await walled.db.prisma.user.findFirstOrThrow({ where: { email: 'b@example.com' } });
    const res = await walled.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: encodeGlobalID('User', bUser.id) },
      {
        token: a.token,
        org: 'org-a',
      },
    );
    expect(res).toEqual({ status: 200, data: { node: null } });
  });
});

test('the caller in another org of theirs sees that org, not its members', async () => {
  const res = await app.gql(DOCUMENTS.viewerMemberships!, { n: 10 }, { token: other.token, org: 'other' });
  expect(res.errors).toBeUndefined();
  expect(res.data.viewer.memberships.totalCount).toBe(8);
  expect(res.data.viewer.memberships.edges.map((e: any) => e.node.organization.slug)).toContain('acme');
});
