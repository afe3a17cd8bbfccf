// Authentication (design.md, "Authentication"; contract.graphql, "Credentials").
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatApiKey, generateApiKey, parseApiKey } from '../src/auth/api-key.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';

let app: TestApp;
let org: { token: string; orgId: string; slug: string };
beforeAll(async () => {
  app = await createTestApp();
  org = await app.userWithOrg('owner@example.com', 'acme');
});
afterAll(() => app?.close());

const VIEWER = '{ viewer { user { email name } apiKey: __typename } }';

function sign(claims: Record<string, unknown>, secret = TEST_JWT_SECRET, expiresIn = '1h') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.sub ?? 'subject-1'))
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

describe('no credentials', () => {
  test('public fields answer; viewer and organization fail with UNAUTHENTICATED', async () => {
    expect((await app.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const viewer = await app.gql(VIEWER);
    expect(viewer.status).toBe(200);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const organization = await app.gql('{ organization { id } }', {}, { org: 'acme' });
    expect(organization.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('invalid credentials fail the whole request with 401', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    [
      'a token signed with another secret',
      async () => ({
        authorization: `Bearer ${await sign({ email: 'x@example.com' }, 'another-secret-another-secret-0123456789')}`,
      }),
    ],
    [
      'an expired token',
      async () => ({ authorization: `Bearer ${await sign({ email: 'x@example.com' }, TEST_JWT_SECRET, '-1m')}` }),
    ],
    ['a token without email', async () => ({ authorization: `Bearer ${await sign({})}` })],
    [
      'a token that never expires',
      async () => ({
        authorization: `Bearer ${await new SignJWT({ email: 'x@example.com' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('forever')
          .sign(new TextEncoder().encode(TEST_JWT_SECRET))}`,
      }),
    ],
    ['garbage', async () => ({ authorization: 'Bearer not.a.jwt' })],
    ['another scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['a malformed API key', async () => ({ 'x-api-key': 'ogk_short' })],
    ['an API key with a wrong checksum', async () => ({ 'x-api-key': generateApiKey().key.slice(0, -1) + 'x' })],
    ['an unknown API key', async () => ({ authorization: `Bearer ${generateApiKey().key}` })],
  ];
  test.each(cases)('%s', async (_name, headers) => {
    const res = await app.gql(VIEWER, {}, { headers: await headers() });
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a revoked or expired API key', async () => {
    const revoked = await app.apiKey(org.orgId, ['READ'], { revokedAt: new Date() });
    const expired = await app.apiKey(org.orgId, ['READ'], { expiresAt: new Date(Date.now() - 1000) });
    for (const key of [revoked, expired]) {
      const res = await app.gql(VIEWER, {}, { apiKey: key });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('a right public id with a wrong secret', async () => {
    const key = await app.apiKey(org.orgId, ['READ']);
    // Same public id, another secret, with a valid checksum.
    const forged = formatApiKey(parseApiKey(key)!.publicId, parseApiKey(generateApiKey().key)!.secret);
    const res = await app.gql(VIEWER, {}, { apiKey: forged });
    expect(res.status).toBe(401);
  });
});

describe('users', () => {
  test('are created on first sight and updated only when their claims change', async () => {
    const token = await app.token('Carol@Example.com', { name: 'Carol', subject: 'carol-1' });
    const first = await app.gql(VIEWER, {}, { token });
    expect(first.data.viewer.user).toEqual({ email: 'carol@example.com', name: 'Carol' });
    const row = await app.db.prisma.user.findFirstOrThrow({ where: { subject: 'carol-1' } });
    await app.gql(VIEWER, {}, { token });
    expect((await app.db.prisma.user.findFirstOrThrow({ where: { subject: 'carol-1' } })).updatedAt).toEqual(
      row.updatedAt,
    );

    const renamed = await app.token('carol@example.com', { name: 'Carol B.', subject: 'carol-1' });
    const second = await app.gql(VIEWER, {}, { token: renamed });
    expect(second.data.viewer.user.name).toBe('Carol B.');
    expect(await app.db.prisma.user.count({ where: { subject: 'carol-1' } })).toBe(1);
  });

  test('an API key is a viewer without a user', async () => {
    const key = await app.apiKey(org.orgId, ['READ']);
    const res = await app.gql(
      '{ viewer { user { id } activeOrganization { slug } memberships { totalCount } } }',
      {},
      { apiKey: key },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.viewer).toEqual({
      user: null,
      activeOrganization: { slug: 'acme' },
      memberships: { totalCount: 0 },
    });
  });

  test('an API key may also come in X-API-Key; sending two credentials is refused', async () => {
    const key = await app.apiKey(org.orgId, ['READ']);
    expect((await app.gql('{ organization { slug } }', {}, { headers: { 'x-api-key': key } })).data).toEqual({
      organization: { slug: 'acme' },
    });
    const both = await app.gql(VIEWER, {}, { token: org.token, headers: { 'x-api-key': key } });
    expect(both.status).toBe(401);
  });
});

describe('HS256 tokens checked against the configured issuer, audience and lifetime', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({
      env: { JWT_ISSUER: 'https://id.example.com', JWT_AUDIENCE: 'orgraph', JWT_MAX_AGE_SECONDS: '3600' },
    });
  });
  afterAll(() => strict?.close());

  const signed = (build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT({ email: 'strict@example.com' }).setProtectedHeader({ alg: 'HS256' }).setSubject('strict-1'))
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  const asks = async (token: string) => (await strict.gql(VIEWER, {}, { token })).status;

  test('the right issuer and audience, issued within the lifetime: accepted', async () => {
    expect(
      await asks(await signed((j) => j.setIssuer('https://id.example.com').setAudience('orgraph').setIssuedAt())),
    ).toBe(200);
  });

  test('another issuer, another audience, none, or issued too long ago: 401', async () => {
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
    for (const token of [
      await signed((j) => j.setIssuer('https://other.example.com').setAudience('orgraph').setIssuedAt()),
      await signed((j) => j.setIssuer('https://id.example.com').setAudience('another-app').setIssuedAt()),
      await signed((j) => j.setIssuedAt()),
      await signed((j) => j.setIssuer('https://id.example.com').setAudience('orgraph').setIssuedAt(twoHoursAgo)),
    ]) {
      expect(await asks(token)).toBe(401);
    }
  });
});

describe('configuration', () => {
  test('with DATABASE_URL the server refuses to start without JWT_SECRET or JWKS_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'development' })).toThrow(/JWT_SECRET/);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: TEST_JWT_SECRET, MAILER: 'none' }).jwt.secret,
    ).toBe(TEST_JWT_SECRET);
    expect(loadConfig({}).jwt.secret).toBeTruthy(); // embedded: the development secret
  });

  test('the public development secret only on the embedded database, on a loopback address, outside production', () => {
    for (const host of ['localhost', '127.0.0.1', '::1']) expect(loadConfig({ HOST: host }).jwt.secret).toBeTruthy();
    for (const env of [{ HOST: '0.0.0.0' }, { HOST: 'orgraph.example.com' }, { NODE_ENV: 'production' }]) {
      expect(() => loadConfig(env)).toThrow(/development secret is public/);
    }
    expect(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: TEST_JWT_SECRET }).jwt.secret).toBe(TEST_JWT_SECRET);
  });

  test('no configuration turns a tenancy wall off: TENANCY_WALLS is not read', () => {
    const config = loadConfig({ TENANCY_WALLS: 'none', NODE_ENV: 'development' });
    expect(JSON.stringify(config)).not.toMatch(/wall/i);
  });

  test('an identity provider needs the issuer and audience to check', () => {
    expect(() => loadConfig({ JWKS_URL: 'https://idp.example.com/.well-known/jwks.json' })).toThrow(/JWT_AUDIENCE/);
    const jwks = {
      JWKS_URL: 'https://idp.example.com/jwks',
      JWT_ISSUER: 'https://idp.example.com/',
      JWT_AUDIENCE: 'orgraph',
    };
    expect(loadConfig(jwks).jwt).toMatchObject({ jwksUrl: jwks.JWKS_URL, secret: null });
  });

  test('a wrong variable is named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('mail configuration', () => {
  test('with DATABASE_URL, invitation email needs SMTP_URL or an explicit MAILER=none; the log mailer is embedded-only', () => {
    const pg = { DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: TEST_JWT_SECRET };
    expect(() => loadConfig(pg)).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...pg, MAILER: 'log' })).toThrow(/embedded/);
    expect(() => loadConfig({ ...pg, SMTP_URL: 'smtp://mail.example.com:587' })).toThrow(/APP_URL is required/);
    const smtp = { ...pg, SMTP_URL: 'smtp://mail.example.com:587', APP_URL: 'https://app.example.com' };
    expect(loadConfig(smtp).mail.transport).toBe('smtp');
    expect(loadConfig({}).mail.transport).toBe('log');
  });
});
