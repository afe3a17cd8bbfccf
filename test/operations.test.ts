// What operators see: /health, /ready (database, migrations, draining, Redis),
// /metrics behind its token, and the request limits shared through Redis by
// two server processes, or kept per process while Redis is away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUserToken } from '../src/auth/jwt.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';
import { databaseMode } from './support/database.js';
import { startServer, type Server } from './support/process.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = () => `orgraph-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
});
afterAll(() => app?.close());

const get = (target: TestApp | ReturnType<typeof createServer>, path: string, headers: Record<string, string> = {}) =>
  ('yoga' in target ? target.yoga : target).fetch(`http://localhost${path}`, { headers });

describe('/health and /ready', () => {
  test('/health: the process answers', async () => {
    expect((await get(app, '/health')).status).toBe(200);
  });

  test('/ready: 200 on a migrated database, Redis reported as off', async () => {
    const res = await get(app, '/ready');
    expect(await res.json()).toEqual({ status: 'ready', problems: [], redis: 'off' });
    expect(res.status).toBe(200);
  });

  test('/ready: 503 naming the migrations not applied', async () => {
    const behind = await createTestApp();
    try {
      await behind.db.prisma.$executeRawUnsafe(
        `DELETE FROM "_prisma_migrations" WHERE migration_name = '20261201000200_integrators'`,
      );
      const res = await get(behind, '/ready');
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; problems: string[] };
      expect(body.status).toBe('unavailable');
      expect(body.problems).toEqual(['migrations not applied (run npm run db:migrate): 20261201000200_integrators']);
    } finally {
      await behind.close();
    }
  });

  test('/ready: 503 while draining; /health stays 200', async () => {
    const draining = createServer({
      config: app.config,
      db: app.db,
      logger: createLogger({ logLevel: 'silent' }),
      lifecycle: { draining: true },
    });
    const res = await get(draining, '/ready');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { problems: string[] }).problems).toEqual(['draining: the server is shutting down']);
    expect((await get(draining, '/health')).status).toBe(200);
  });
});

describe('/metrics', () => {
  test('off without METRICS_TOKEN', async () => {
    const plain = createServer({
      config: { ...app.config, metricsToken: null },
      db: app.db,
      logger: createLogger({ logLevel: 'silent' }),
    });
    expect((await get(plain, '/metrics')).status).toBe(404);
  });

  test('only with the token; requests by operation and status, errors by code, refusals, the pool', async () => {
    expect((await get(app, '/metrics')).status).toBe(401);
    expect((await get(app, '/metrics', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const token = await app.token('metrics@example.com');
    await app.gql('{ viewer { user { id } } }', {}, { token });
    await app.gql('{ viewer { user { id } } }', {}, { apiKey: 'ogk_malformed' });
    const res = await get(app, '/metrics', { authorization: 'Bearer metrics-token-0123456789' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^orgraph_requests_total\{operation="query",status="200"\} [1-9]/m);
    expect(text).toMatch(/^orgraph_requests_total\{operation="none",status="401"\} 1$/m);
    expect(text).toMatch(/^orgraph_errors_total\{code="UNAUTHENTICATED"\} 1$/m);
    expect(text).toMatch(/^orgraph_request_duration_seconds_bucket\{le="10",operation="query",status="200"\} [1-9]/m);
    expect(text).toMatch(/^orgraph_db_pool_connections\{state="size"\} [1-9]/m);
    expect(text).toMatch(/^orgraph_db_pool_connections\{state="in_use"\} 0$/m);
    expect(text).toContain('# TYPE orgraph_rate_limited_total counter');
    expect(text).toContain('orgraph_process_resident_memory_bytes');
    // Scrapes are not requests.
    expect(text).not.toMatch(/status="404"/);
  });
});

test('/metrics counts rate-limit refusals by limit', async () => {
  const limited = await createTestApp({
    env: { METRICS_TOKEN: 'metrics-token-0123456789', USER_RATE_LIMIT: '1', USER_RATE_BURST: '10' },
  });
  try {
    const token = await limited.token('metrics-limited@example.com');
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await limited.gql('{ viewer { user { id } } }', {}, { token })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]); // one window of 10 s
    const text = await (await get(limited, '/metrics', { authorization: 'Bearer metrics-token-0123456789' })).text();
    expect(text).toMatch(/^orgraph_rate_limited_total\{limit="user"\} 2$/m);
    expect(text).toMatch(/^orgraph_requests_total\{operation="none",status="429"\} 2$/m);
  } finally {
    await limited.close();
  }
});

describe('limits through Redis', () => {
  test('/ready reports Redis; while it is unreachable the server keeps serving and limits per process', async () => {
    const lines: Record<string, unknown>[] = [];
    const away = await createTestApp({
      env: {
        REDIS_URL: 'redis://127.0.0.1:9',
        USER_RATE_LIMIT: '1',
        USER_RATE_BURST: '2',
        RATE_LIMIT_PREFIX: prefix(),
      },
      onLog: (line) => lines.push(line),
    });
    try {
      const token = await away.token('redis-away@example.com');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await away.gql('{ viewer { user { id } } }', {}, { token })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const ready = await get(away, '/ready');
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { redis: string }).redis).toBe('unreachable');
      expect(
        lines.some((l) => l.msg === 'Redis unreachable: rate limits are counted per process until it is back'),
      ).toBe(true);
    } finally {
      await away.close();
    }
  });

  test('/ready: Redis ready', async () => {
    const shared = await createTestApp({ env: { REDIS_URL, RATE_LIMIT_PREFIX: prefix() } });
    try {
      const redis = async () => ((await (await get(shared, '/ready')).json()) as { redis: string }).redis;
      const seen = [await redis()];
      while (seen.at(-1) === 'connecting') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen.push(await redis());
      }
      expect(seen.at(-1)).toBe('ready');
    } finally {
      await shared.close();
    }
  });

  test('two server processes enforce one limit per user and per API key', { timeout: 120_000 }, async () => {
    const dataDirs: string[] = [];
    const servers: Server[] = [];
    const env = {
      JWT_SECRET: TEST_JWT_SECRET,
      MAILER: 'none',
      REDIS_URL,
      RATE_LIMIT_PREFIX: prefix(),
      USER_RATE_LIMIT: '1',
      USER_RATE_BURST: '10',
      API_KEY_RATE_LIMIT: '1',
      API_KEY_RATE_BURST: '6',
      ORG_RATE_LIMIT: '1000',
      ORG_RATE_BURST: '100000',
    };
    try {
      for (let i = 0; i < 2; i++) {
        const database: Record<string, string> = app.db.url ? { DATABASE_URL: app.db.url } : {};
        if (!app.db.url) {
          dataDirs.push(mkdtempSync(join(tmpdir(), 'orgraph-two-')));
          database.DATA_DIR = dataDirs.at(-1)!;
        }
        servers.push(await startServer({ ...env, ...database }));
      }
      const token = await signUserToken(
        { secret: TEST_JWT_SECRET, jwksUrl: null },
        { email: 'two-processes@example.com' },
      );
      const call = (server: Server, auth: string) =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
          body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
        }).then((r) => r.status);
      const byUser = await Promise.all(Array.from({ length: 30 }, (_, i) => call(servers[i % 2]!, token)));
      expect(byUser.filter((s) => s === 200)).toHaveLength(10);
      expect(byUser.filter((s) => s === 429)).toHaveLength(20);

      if (databaseMode === 'postgres') {
        // One key in the database both processes serve.
        const owner = await app.userWithOrg('two-processes-admin@example.com', 'two-processes');
        const key = await app.apiKey(owner.orgId, ['READ']);
        const byKey = await Promise.all(Array.from({ length: 20 }, (_, i) => call(servers[i % 2]!, key)));
        expect(byKey.filter((s) => s === 200)).toHaveLength(6);
        expect(byKey.filter((s) => s === 429)).toHaveLength(14);
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
