// What an integrator holding an API key meets: rotation with a grace period,
// per-key, per-user and per-org limits, throttled failed authentications,
// safe retries with Idempotency-Key, and what each caller may do with them.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHmac } from 'node:crypto';
import { formatApiKey, parseApiKey } from '../src/auth/api-key.js';
import { graphql } from './generated/index.js';
import { codeOf, createTestApp, type TestApp } from './support/app.js';

const CreateKey = graphql(`
  mutation IntegratorCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        id
        rateLimit {
          perSecond
          burst
        }
      }
      secret
      userErrors {
        code
        field
      }
    }
  }
`);

const RotateKey = graphql(`
  mutation IntegratorRotateKey($input: RotateApiKeyInput!) {
    rotateApiKey(input: $input) {
      apiKey {
        id
        name
        scopes
        rotatedAt
        previousSecretExpiresAt
        previousSecretLastUsedAt
        secretLastUsedAt
      }
      secret
      userErrors {
        code
      }
    }
  }
`);

const RevokeKey = graphql(`
  mutation IntegratorRevokeKey($input: ApiKeyRefInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        revokedAt
      }
      userErrors {
        code
      }
    }
  }
`);

const KeySecrets = graphql(`
  query IntegratorKeySecrets($id: ID!) {
    node(id: $id) {
      ... on ApiKey {
        lastUsedAt
        secretLastUsedAt
        previousSecretExpiresAt
        previousSecretLastUsedAt
      }
    }
  }
`);

const WhoAmI = '{ viewer { apiKey { name } } }';

let app: TestApp;
let admin: { token: string; orgId: string; slug: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.userWithOrg('integrator-admin@example.com', 'integrator');
});
afterAll(() => app?.close());

async function newKey(target = app, as = admin, input: Record<string, unknown> = {}) {
  const res = await target.gql(
    CreateKey,
    { input: { name: 'integration', scopes: ['READ', 'WRITE'], ...input } },
    { token: as.token, org: as.slug },
  );
  const payload = res.data!.createApiKey;
  expect(payload.userErrors).toEqual([]);
  return { id: payload.apiKey!.id, secret: payload.secret! };
}

const rotate = (apiKeyId: string, gracePeriodSeconds?: number) =>
  app.gql(RotateKey, { input: { apiKeyId, gracePeriodSeconds } }, { token: admin.token, org: admin.slug });

describe('rotateApiKey', () => {
  test('the previous secret works through the grace period, each secret shows its last use, rotated is audited', async () => {
    const key = await newKey();
    expect((await app.gql(WhoAmI, {}, { apiKey: key.secret })).data.viewer.apiKey.name).toBe('integration');

    const res = await rotate(key.id, 3600);
    const rotated = res.data!.rotateApiKey;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.apiKey).toMatchObject({ id: key.id, name: 'integration', scopes: ['READ', 'WRITE'] });
    expect(rotated.secret).not.toBe(key.secret);
    // The same key record: same public id, a new secret.
    expect(parseApiKey(rotated.secret!)!.publicId).toBe(parseApiKey(key.secret)!.publicId);
    const until = Date.parse(rotated.apiKey!.previousSecretExpiresAt!);
    expect(until - Date.now()).toBeGreaterThan(3500_000);
    expect(until - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(rotated.apiKey!.previousSecretLastUsedAt).not.toBeNull(); // the old secret's use above
    expect(rotated.apiKey!.secretLastUsedAt).toBeNull();

    // Both secrets work; each one's use is recorded on its own.
    expect((await app.gql(WhoAmI, {}, { apiKey: key.secret })).status).toBe(200);
    expect((await app.gql(WhoAmI, {}, { apiKey: rotated.secret! })).status).toBe(200);
    const seen = (await app.gql(KeySecrets, { id: key.id }, { token: admin.token, org: admin.slug })).data!.node as {
      secretLastUsedAt: string | null;
      previousSecretLastUsedAt: string | null;
    };
    expect(seen.secretLastUsedAt).not.toBeNull();
    expect(seen.previousSecretLastUsedAt).not.toBeNull();

    const audit = await app.db.prisma.auditEvent.findMany({
      where: { targetId: await rowId(key.secret) },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['api_key.created', 'api_key.rotated']);

    // Rotating again ends the oldest secret at once; the one before stays for its new grace period.
    const again = (await rotate(key.id, 60)).data!.rotateApiKey;
    const refused = await app.gql(WhoAmI, {}, { apiKey: key.secret });
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.message).toBe('Invalid API key.');
    expect((await app.gql(WhoAmI, {}, { apiKey: rotated.secret! })).status).toBe(200);
    expect((await app.gql(WhoAmI, {}, { apiKey: again.secret! })).status).toBe(200);
  });

  test('without a grace period the old secret is refused at once, saying it was rotated', async () => {
    const key = await newKey();
    const fresh = (await rotate(key.id, 0)).data!.rotateApiKey.secret!;
    const refused = await app.gql(WhoAmI, {}, { apiKey: key.secret });
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toMatch(/rotated/);
    expect((await app.gql(WhoAmI, {}, { apiKey: fresh })).status).toBe(200);
  });

  test('a grace period that ran out refuses the old secret as rotated', async () => {
    const key = await newKey();
    await rotate(key.id, 3600);
    expect((await app.gql(WhoAmI, {}, { apiKey: key.secret })).status).toBe(200);
    await app.db.prisma.apiKey.update({
      where: { id: await rowId(key.secret) },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    const refused = await app.gql(WhoAmI, {}, { apiKey: key.secret });
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.message).toMatch(/rotated/);
  });

  test('revoking during a grace period ends both secrets on the next request', async () => {
    const key = await newKey();
    const fresh = (await rotate(key.id, 3600)).data!.rotateApiKey.secret!;
    const revoked = await app.gql(RevokeKey, { input: { apiKeyId: key.id } }, { token: admin.token, org: admin.slug });
    expect(revoked.data!.revokeApiKey.userErrors).toEqual([]);
    for (const secret of [key.secret, fresh]) {
      const res = await app.gql(WhoAmI, {}, { apiKey: secret });
      expect(res.status).toBe(401);
      expect(res.errors![0]!.message).toBe('This API key was revoked.');
    }
    expect((await rotate(key.id)).data!.rotateApiKey.userErrors).toEqual([{ code: 'ALREADY_REVOKED' }]);
  });

  test('bad grace periods are INVALID_INPUT and change nothing', async () => {
    const key = await newKey();
    for (const grace of [-1, 31 * 86400]) {
      expect((await rotate(key.id, grace)).data!.rotateApiKey).toMatchObject({
        secret: null,
        userErrors: [{ code: 'INVALID_INPUT' }],
      });
    }
    expect((await app.gql(WhoAmI, {}, { apiKey: key.secret })).status).toBe(200);
  });

  test('only admins signed in as users rotate: no credentials, non-member, member, READ and WRITE keys may not', async () => {
    const key = await newKey();
    const member = await app.token('integrator-member@example.com');
    await app.gql('{ viewer { user { id } } }', {}, { token: member });
    const memberRow = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'integrator-member@example.com' } });
    await app.db.prisma.membership.create({ data: { orgId: admin.orgId, userId: memberRow.id, role: 'MEMBER' } });
    const outsider = await app.userWithOrg('integrator-outsider@example.com', 'integrator-other');
    const read = await app.apiKey(admin.orgId, ['READ']);
    const write = await app.apiKey(admin.orgId, ['WRITE']);
    const input = { input: { apiKeyId: key.id } };
    const callers = [
      { who: 'nobody', opts: {}, code: 'UNAUTHENTICATED' },
      { who: 'non-member', opts: { token: outsider.token, org: admin.slug }, code: 'NOT_FOUND' },
      { who: 'non-member in own org', opts: { token: outsider.token, org: outsider.slug }, code: 'NOT_FOUND' },
      { who: 'member', opts: { token: member, org: admin.slug }, code: 'FORBIDDEN' },
      { who: 'READ key', opts: { apiKey: read }, code: 'FORBIDDEN' },
      { who: 'WRITE key', opts: { apiKey: write }, code: 'FORBIDDEN' },
    ];
    for (const caller of callers) {
      const res = await app.gql(RotateKey, input, caller.opts);
      expect([caller.who, codeOf(res)]).toEqual([caller.who, caller.code]);
    }
    expect((await app.gql(WhoAmI, {}, { apiKey: key.secret })).status).toBe(200); // never rotated
  });
});

async function rowId(secret: string) {
  const row = await app.db.prisma.apiKey.findUniqueOrThrow({ where: { publicId: parseApiKey(secret)!.publicId } });
  return row.id;
}

describe('request limits', () => {
  test("a key's own limit: 429 with Retry-After and RATE_LIMITED past it; wrong secrets never spend it", async () => {
    const limited = await createTestApp({ env: { API_KEY_RATE_LIMIT: '10', API_KEY_RATE_BURST: '50' } });
    try {
      const owner = await limited.userWithOrg('limits-admin@example.com', 'limits');
      const above = await limited.gql(
        CreateKey,
        { input: { name: 'x', scopes: ['READ'], rateLimit: { perSecond: 11 } } },
        { token: owner.token, org: owner.slug },
      );
      expect(above.data!.createApiKey).toMatchObject({
        secret: null,
        userErrors: [{ code: 'RATE_LIMIT_ABOVE_CEILING', field: ['input', 'rateLimit'] }],
      });
      const key = await newKey(limited, owner, { rateLimit: { perSecond: 1, burst: 3 } });
      const shown = await limited.gql(
        CreateKey,
        { input: { name: 'default', scopes: ['READ'] } },
        {
          token: owner.token,
          org: owner.slug,
        },
      );
      expect(shown.data!.createApiKey.apiKey!.rateLimit).toEqual({ perSecond: 10, burst: 50 });

      // Someone with the key's public id but not its secret: 401s, nothing spent.
      const forged = formatApiKey(parseApiKey(key.secret)!.publicId, 'B'.repeat(32));
      for (let i = 0; i < 5; i++) expect((await limited.gql(WhoAmI, {}, { apiKey: forged })).status).toBe(401);

      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await limited.gql(WhoAmI, {}, { apiKey: key.secret }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
      expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('2');
      const over = answers[3]!;
      expect(codeOf(over)).toBe('RATE_LIMITED');
      const retry = Number(over.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(3); // a window of ceil(3 / 1) seconds
      expect((over.errors![0]!.extensions as { retryAfter?: number }).retryAfter).toBe(retry);
      expect(over.data).toBeUndefined();
      // Another key of the same org is not held back by this one.
      const other = await limited.apiKey(owner.orgId, ['READ']);
      expect((await limited.gql(WhoAmI, {}, { apiKey: other })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test('a user has a limit of their own, an organization one all its callers share', async () => {
    const limited = await createTestApp({
      env: { USER_RATE_LIMIT: '1', USER_RATE_BURST: '3', ORG_RATE_LIMIT: '1', ORG_RATE_BURST: '5' },
    });
    try {
      const owner = await limited.userWithOrg('busy@example.com', 'busy'); // 1 of busy's 3
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.gql(WhoAmI, {}, { token: owner.token })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const other = await limited.token('calm@example.com');
      expect((await limited.gql(WhoAmI, {}, { token: other })).status).toBe(200);

      // The org "busy": 2 requests so far; two of its API keys share the 3 left.
      const keys = [await limited.apiKey(owner.orgId, ['READ']), await limited.apiKey(owner.orgId, ['READ'])];
      const orgStatuses = [];
      for (let i = 0; i < 4; i++) orgStatuses.push((await limited.gql(WhoAmI, {}, { apiKey: keys[i % 2] })).status);
      expect(orgStatuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.gql(WhoAmI, {}, { apiKey: keys[0] });
      expect(refused.errors![0]!.message).toMatch(/organization is over its request limit/);
    } finally {
      await limited.close();
    }
  });

  test('failed authentications slow down their client address only (X-Forwarded-For with TRUST_PROXY)', async () => {
    const limited = await createTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: '1' } });
    try {
      const from = (address: string) => ({ headers: { 'x-forwarded-for': `203.0.113.9, ${address}` } });
      const bad = (address: string) => limited.gql(WhoAmI, {}, { apiKey: 'ogk_nope', ...from(address) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await bad('198.51.100.1')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const good = await limited.token('good@example.com');
      const blocked = await limited.gql(WhoAmI, {}, { token: good, ...from('198.51.100.1') });
      expect(blocked.status).toBe(429);
      expect(codeOf(blocked)).toBe('RATE_LIMITED');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is served, and may still fail on its own.
      expect((await limited.gql(WhoAmI, {}, { token: good, ...from('198.51.100.2') })).status).toBe(200);
      expect((await bad('198.51.100.2')).status).toBe(401);
    } finally {
      await limited.close();
    }
  });

  test('without TRUST_PROXY, X-Forwarded-For is not believed: the socket address counts', async () => {
    const limited = await createTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '2' } });
    const server = await listen(limited);
    try {
      const call = (forwardedFor: string) =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': 'ogk_nope', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ query: WhoAmI }),
        }).then((r) => r.status);
      expect([await call('10.0.0.1'), await call('10.0.0.2'), await call('10.0.0.3')]).toEqual([401, 401, 429]);
    } finally {
      await server.close();
      await limited.close();
    }
  });
});

const CreateProject = graphql(`
  mutation IntegratorCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      project {
        id
        name
      }
      userErrors {
        code
      }
    }
  }
`);

describe('Idempotency-Key', () => {
  test('a retry gets the first answer without running again; another document with the key is BAD_USER_INPUT', async () => {
    const key = await app.apiKey(admin.orgId, ['READ', 'WRITE']);
    const headers = { 'idempotency-key': 'retry-0001-8f3c6a' };
    const first = await app.gql(CreateProject, { input: { name: 'Once' } }, { apiKey: key, headers });
    const retry = await app.gql(CreateProject, { input: { name: 'Once' } }, { apiKey: key, headers });
    expect(retry.data).toEqual(first.data);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await app.db.prisma.project.count({ where: { orgId: admin.orgId, name: 'Once' } })).toBe(1);

    const other = await app.gql(CreateProject, { input: { name: 'Twice' } }, { apiKey: key, headers });
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(await app.db.prisma.project.count({ where: { orgId: admin.orgId, name: 'Twice' } })).toBe(0);

    // The key is the caller's own: another caller with the same key runs its own request.
    const mine = await app.gql(
      CreateProject,
      { input: { name: 'Once' } },
      { token: admin.token, org: admin.slug, headers },
    );
    expect(mine.data!.createProject.project!.id).not.toBe(first.data!.createProject.project!.id);
    expect(await app.db.prisma.project.count({ where: { orgId: admin.orgId, name: 'Once' } })).toBe(2);
  });

  test("a key is the caller's within one organization: the same key in another org runs anew there", async () => {
    const other = await app.userWithOrg('integrator-two-orgs@example.com', 'integrator-second');
    await app.db.prisma.membership.create({
      data: {
        orgId: admin.orgId,
        userId: (await app.db.prisma.membership.findFirstOrThrow({ where: { orgId: other.orgId } })).userId,
        role: 'MEMBER',
      },
    });
    const headers = { 'idempotency-key': 'retry-0006-two-orgs' };
    const input = { input: { name: 'Per org' } };
    const here = await app.gql(CreateProject, input, { token: other.token, org: other.slug, headers });
    const there = await app.gql(CreateProject, input, { token: other.token, org: admin.slug, headers });
    expect(there.headers.get('idempotent-replayed')).toBeNull();
    expect(there.data!.createProject.project!.id).not.toBe(here.data!.createProject.project!.id);
    expect(
      await app.db.prisma.project.count({ where: { name: 'Per org', orgId: { in: [other.orgId, admin.orgId] } } }),
    ).toBe(2);
    // And each org's copy replays only there.
    const again = await app.gql(CreateProject, input, { token: other.token, org: admin.slug, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(there.data);
  });

  test('a request that wrote nothing leaves no claim: its retry runs', async () => {
    const headers = { 'idempotency-key': 'retry-0002-1a2b3c' };
    const opts = { token: admin.token, org: admin.slug, headers };
    // A project id that does not exist: NOT_FOUND, no data, nothing kept.
    const missing = await app.gql(
      'mutation { deleteProject(input: { projectId: "UHJvamVjdDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=" }) { deletedProjectId } }',
      {},
      opts,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(
      await app.db.prisma.idempotentRequest.count({ where: { keyHash: keyHash(headers['idempotency-key']) } }),
    ).toBe(0);
    const again = await app.gql(
      'mutation { deleteProject(input: { projectId: "UHJvamVjdDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=" }) { deletedProjectId } }',
      {},
      opts,
    );
    expect(codeOf(again)).toBe('NOT_FOUND');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  test('a malformed Idempotency-Key is BAD_USER_INPUT', async () => {
    const res = await app.gql(
      CreateProject,
      { input: { name: 'Nope' } },
      {
        token: admin.token,
        org: admin.slug,
        headers: { 'idempotency-key': 'short' },
      },
    );
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });

  test('expired answers go, whoever kept them; an expired key runs again; anonymous mutations ignore the header', async () => {
    const key = await app.apiKey(admin.orgId, ['READ', 'WRITE']);
    const headers = { 'idempotency-key': 'retry-0005-expiring' };
    const first = await app.gql(CreateProject, { input: { name: 'Expiring' } }, { apiKey: key, headers });
    // Another caller's answer from two days ago, never asked for again.
    const stale = await app.db.prisma.idempotentRequest.create({
      data: {
        orgId: admin.orgId,
        caller: 'user:00000000-0000-0000-0000-000000000000',
        keyHash: 'x',
        requestHash: 'y',
        createdAt: new Date(Date.now() - 2 * 86400_000),
      },
    });
    await app.db.prisma.idempotentRequest.updateMany({
      where: { keyHash: keyHash(headers['idempotency-key']) },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    const later = await app.gql(CreateProject, { input: { name: 'Expiring' } }, { apiKey: key, headers });
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.data!.createProject.project!.id).not.toBe(first.data!.createProject.project!.id);
    expect(await app.db.prisma.idempotentRequest.findUnique({ where: { id: stale.id } })).toBeNull();

    const anonymous = await app.gql(CreateProject, { input: { name: 'Nobody' } }, { headers });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  test("a created key's secret is replayed only while its answer was never delivered, and never stored in plain text", async () => {
    const input = { input: { name: 'replayed', scopes: ['READ' as const] } };
    // In process (yoga.fetch) there is no client connection: the answer is never delivered.
    const headers = { 'idempotency-key': 'retry-0003-undelivered' };
    const opts = { token: admin.token, org: admin.slug, headers };
    const first = await app.gql(CreateKey, input, opts);
    const secret = first.data!.createApiKey.secret!;
    const stored = await app.db.prisma.idempotentRequest.findMany();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4, 30));
    const retry = await app.gql(CreateKey, input, opts);
    expect(retry.data!.createApiKey.secret).toBe(secret);
    expect(await app.db.prisma.apiKey.count({ where: { name: 'replayed' } })).toBe(1);

    // Over HTTP the answer is written to the client: a retry then gets the answer without the secret.
    const server = await listen(app);
    try {
      const call = () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${admin.token}`,
            'x-organization': admin.slug,
            'idempotency-key': 'retry-0004-delivered',
          },
          body: JSON.stringify({
            query: print(CreateKey),
            variables: { input: { name: 'delivered', scopes: ['READ'] } },
          }),
        }).then(
          (r) => r.json() as Promise<{ data: { createApiKey: { secret: string | null; apiKey: { id: string } } } }>,
        );
      const delivered = await call();
      expect(delivered.data.createApiKey.secret).toMatch(/^ogk_/);
      const row = { keyHash: keyHash('retry-0004-delivered') };
      await waitFor(
        async () => (await app.db.prisma.idempotentRequest.findFirstOrThrow({ where: row })).sealed === null,
      );
      const replay = await call();
      expect(replay.data.createApiKey.secret).toBeNull();
      expect(replay.data.createApiKey.apiKey.id).toBe(delivered.data.createApiKey.apiKey.id);
    } finally {
      await server.close();
    }
  });
});

/** The header as the database keeps it: an HMAC under the server's secret. */
const keyHash = (header: string) => createHmac('sha256', app.config.idempotencySecret!).update(header).digest('hex');

async function waitFor(done: () => Promise<boolean>, ms = 5000) {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function listen(target: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createHttpServer(target.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
