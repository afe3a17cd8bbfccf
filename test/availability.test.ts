// One tenant's stalled requests never take the service from the others, and a
// request the service can't serve in time is answered 503 with Retry-After,
// never a masked 500. Stalls are made with a row lock held from outside (not
// with timings), and observed in pg_stat_activity. Lock waits and statement
// timeouts need PostgreSQL; the outage and anonymous requests run in both modes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { LOCAL_ISSUER, signUserToken } from '../src/auth/jwt.js';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { pino } from 'pino';
import { createTestApp, TEST_JWT_SECRET, type GqlResponse, type TestApp } from './support/app.js';
import { databaseMode } from './support/database.js';

const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) {
  updateProject(input: $input) { project { name } userErrors { code } } }`;
const ORG_SLUG = '{ organization { slug } }';

function expectUnavailable(res: GqlResponse) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
  expect(res.data ?? null).toBeNull();
}

/** Waits until `check` holds (polling the database), at most 10 s. */
async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached within 10 s');
}

describe.runIf(databaseMode === 'postgres')('a stalled tenant', () => {
  let app: TestApp;
  let owner: pg.Client;
  let stuck: { token: string; slug: string; projectId: string };
  let free: { token: string; slug: string };

  /** Opens an app whose pool is 4 connections, at most 2 per tenant; `env` sets its timeouts. */
  async function start(env: Record<string, string>) {
    app = await createTestApp({ pool: { size: 4, perTenant: 2 }, env });
    owner = new pg.Client({ connectionString: app.db.url! });
    await owner.connect();
    const a = await app.userWithOrg('stuck@example.com', 'stuck');
    const b = await app.userWithOrg('free@example.com', 'free');
    const project = await app.db.prisma.project.create({ data: { orgId: a.orgId, name: 'locked' } });
    stuck = { token: a.token, slug: a.slug, projectId: encodeGlobalID('Project', project.id) };
    free = { token: b.token, slug: b.slug };
    return project.id;
  }
  async function stop() {
    await owner?.query('ROLLBACK').catch(() => {});
    await owner?.end();
    await app?.close();
  }
  /** A describe's app, with these timeouts, for its tests. */
  let projectId: string;
  function withTimeouts(env: Record<string, string>) {
    beforeAll(async () => {
      projectId = await start(env);
    });
    afterAll(stop);
  }
  /** Holds the lock every update of the project waits for, until ROLLBACK. */
  async function lockProject(id: string) {
    await owner.query('BEGIN');
    await owner.query('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [id]);
  }
  // Read afresh each time: inside a transaction, pg_stat_activity would stay the snapshot first read.
  const lockWaiters = async () => {
    await owner.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0].n as number;
  };
  const rename = (name: string) =>
    app.gql(UPDATE_PROJECT, { input: { projectId: stuck.projectId, name } }, { token: stuck.token, org: stuck.slug });

  describe('with generous timeouts', () => {
    withTimeouts({ LOCK_TIMEOUT_MS: '30000', STATEMENT_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '30000' });

    test("one org's stuck requests hold its share of the pool, not the pool: other orgs and anonymous calls are served", async () => {
      await lockProject(projectId);
      const pending = Array.from({ length: 6 }, (_, i) => rename(`renamed-${i}`));
      await until(async () => (await lockWaiters()) === 2);
      // Org "stuck" holds its 2 connections; its 4 other requests wait for those, not for everyone's.
      const other = await app.gql(ORG_SLUG, {}, { token: free.token, org: free.slug });
      expect(other.data.organization).toEqual({ slug: 'free' });
      const anonymous = await app.gql('{ __typename }');
      expect(anonymous.data).toEqual({ __typename: 'Query' });
      const again = await app.gql(ORG_SLUG, {}, { token: free.token, org: free.slug });
      expect(again.data.organization).toEqual({ slug: 'free' });
      expect(await lockWaiters()).toBe(2);
      await owner.query('ROLLBACK');
      const results = await Promise.all(pending);
      for (const res of results) expect(res.data.updateProject.userErrors).toEqual([]);
    });
  });

  describe('with short timeouts', () => {
    withTimeouts({ LOCK_TIMEOUT_MS: '200', STATEMENT_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '30000' });

    test('a lock held too long: 503 with Retry-After, and nothing of the request written', async () => {
      await lockProject(projectId);
      expectUnavailable(await rename('never'));
      await owner.query('ROLLBACK');
      const { rows } = await owner.query('SELECT name FROM projects WHERE id = $1', [projectId]);
      expect(rows[0].name).toBe('locked');
      expect(await app.db.prisma.auditEvent.count({ where: { action: 'project.updated' } })).toBe(0);
    });
  });

  describe('with a short statement timeout', () => {
    withTimeouts({ LOCK_TIMEOUT_MS: '30000', STATEMENT_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '30000' });

    test('a statement past statement_timeout: 503, rolled back', async () => {
      await lockProject(projectId);
      expectUnavailable(await rename('never'));
      await owner.query('ROLLBACK');
      expect((await owner.query('SELECT name FROM projects WHERE id = $1', [projectId])).rows[0].name).toBe('locked');
    });
  });

  describe('with a statement timeout far shorter than deleting an organization takes', () => {
    beforeAll(async () => {
      app = await createTestApp({ env: { STATEMENT_TIMEOUT_MS: '40' } });
    });
    afterAll(() => app.close());

    test('deleting an organization with 100,000 tasks has its own budget and succeeds', async () => {
      // Made directly: only the deletion runs under the short timeout.
      const email = 'big@example.com';
      const user = await app.db.prisma.user.create({
        data: { issuer: LOCAL_ISSUER, subject: `email|${email}`, email, emailVerified: true },
      });
      const org = await app.db.prisma.organization.create({ data: { slug: 'big-delete', name: 'Big' } });
      await app.db.prisma.membership.create({ data: { orgId: org.id, userId: user.id, role: 'ADMIN' } });
      const project = await app.db.prisma.project.create({ data: { orgId: org.id, name: 'huge' } });
      await app.db.prisma.$executeRaw`INSERT INTO tasks (org_id, project_id, title)
        SELECT ${org.id}::uuid, ${project.id}::uuid, 'task ' || n FROM generate_series(1, 100000) n`;
      const res = await app.gql(
        `mutation { deleteOrganization(input: { confirmSlug: "big-delete" }) { deletedOrganizationId userErrors { code } } }`,
        {},
        { token: await app.token(email), org: 'big-delete' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.deleteOrganization.userErrors).toEqual([]);
      expect(await app.db.prisma.task.count({ where: { orgId: org.id } })).toBe(0);
    });
  });

  describe('with a short request deadline', () => {
    withTimeouts({ LOCK_TIMEOUT_MS: '30000', STATEMENT_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '500' });

    test('a request that gets no connection before its deadline: 503', async () => {
      await lockProject(projectId);
      const holding = [rename('a'), rename('b')];
      await until(async () => (await lockWaiters()) === 2);
      expectUnavailable(await rename('c'));
      // Another tenant is still served within its deadline.
      expect((await app.gql(ORG_SLUG, {}, { token: free.token, org: free.slug })).data.organization).toEqual({
        slug: 'free',
      });
      await owner.query('ROLLBACK');
      await Promise.all(holding);
    });
  });
});

describe('the database unreachable', () => {
  test('a signed-in request is answered 503 with Retry-After; anonymous ones need no database', async () => {
    const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/unreachable' });
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      MAILER: 'none',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
    });
    const yoga = createServer({ config, db, logger: pino({ level: 'silent' }) });
    const token = await signUserToken(config.jwt, { email: 'someone@example.com' });
    const ask = async (query: string, headers: Record<string, string> = {}) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return { ...((await response.json()) as GqlResponse), status: response.status, headers: response.headers };
    };
    try {
      expectUnavailable(await ask('{ viewer { user { email } } }', { authorization: `Bearer ${token}` }));
      const anonymous = await ask('{ __typename }');
      expect(anonymous.status).toBe(200);
      expect(anonymous.data).toEqual({ __typename: 'Query' });
    } finally {
      await db.close();
    }
  });
});
