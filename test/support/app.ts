// The server in-process (yoga.fetch) on a fresh test database, with helpers to
// call it as the five kinds of caller the contract names.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { generateApiKey } from '../../src/auth/api-key.js';
import { signUserToken } from '../../src/auth/jwt.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { PoolLimits } from '../../src/db/request-connections.js';
import type { ApiKeyScope } from '../../src/generated/prisma/enums.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import type { Walls } from '../../src/tenancy/walls.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

const UNLIMITED = Object.fromEntries(
  ['API_KEY', 'USER', 'ORG', 'ANONYMOUS']
    .flatMap((name) => [
      [`${name}_RATE_LIMIT`, '100000'],
      [`${name}_RATE_BURST`, '100000'],
    ])
    .concat([['AUTH_FAILURES_PER_MINUTE', '100000']]),
);

export interface CallOptions {
  token?: string;
  apiKey?: string;
  org?: string;
  path?: string;
  host?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** The first error's extensions.code, if any. */
export const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

export interface TestApp {
  db: TestDatabase;
  config: Config;
  yoga: ReturnType<typeof createServer>;
  /** Runs an operation: a string, or a typed document from graphql(`...`) (test/generated). */
  gql<T = any, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    options?: CallOptions,
  ): Promise<GqlResponse<T>>;
  token(email: string, options?: { name?: string; emailVerified?: boolean; subject?: string }): Promise<string>;
  /** A signed-in user who owns a new org: returns their token and the org. */
  userWithOrg(email: string, slug: string): Promise<{ token: string; orgId: string; slug: string }>;
  /** `gql` on another server over the same database, with these walls (closed with the app). */
  withWalls(walls: Walls): TestApp['gql'];
  /** Creates an API key directly in the database (as createApiKey would), returning the full key. */
  apiKey(orgId: string, scopes: ApiKeyScope[], extra?: { expiresAt?: Date; revokedAt?: Date }): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    walls?: Walls;
    env?: Record<string, string>;
    onStatement?: (sql: string) => void;
    /** Request connections and one tenant's share of them (PostgreSQL). */
    pool?: Partial<PoolLimits>;
    /** Receives every log line (JSON) instead of discarding it. */
    onLog?: (line: Record<string, unknown>) => void;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase({ onStatement: options.onStatement, pool: options.pool });
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    MAILER: 'none',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    // Out of the way of tests that send many requests; the limits' own tests set theirs.
    ...UNLIMITED,
    ...options.env,
  });
  const logger = options.onLog
    ? createLogger({ logLevel: 'debug' }, { write: (line: string) => options.onLog!(JSON.parse(line)) })
    : createLogger({ logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const yoga = createServer({ config, db, logger, walls: options.walls });
  const others: (typeof yoga)[] = [];

  const gqlOn =
    (server: typeof yoga): TestApp['gql'] =>
    async (query, variables, opts = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
      if (opts.org) headers['x-organization'] = opts.org;
      if (opts.host) headers.host = opts.host;
      const url = `http://${opts.host ?? 'localhost'}${opts.path ?? '/graphql'}`;
      const text = typeof query === 'string' ? query : print(query);
      const response = await server.fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: text, variables }),
      });
      const body = (await response.json()) as GqlResponse;
      // Headers ride along unlisted, so that a test comparing whole responses needs not name them.
      return Object.defineProperty({ ...body, status: response.status }, 'headers', {
        value: response.headers,
      }) as GqlResponse;
    };

  const app: TestApp = {
    db,
    config,
    yoga,
    gql: gqlOn(yoga),
    withWalls(walls) {
      const server = createServer({ config, db, logger, walls });
      others.push(server);
      return gqlOn(server);
    },
    token: (email, o = {}) => signUserToken(config.jwt, { email, ...o }),
    async userWithOrg(email, slug) {
      const token = await app.token(email);
      const res = await app.gql(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id slug } userErrors { code } } }`,
        { input: { name: slug, slug } },
        { token },
      );
      const org = res.data?.createOrganization?.organization;
      if (!org) throw new Error(`could not create ${slug}: ${JSON.stringify(res)}`);
      const row = await db.prisma.organization.findUniqueOrThrow({ where: { slug } });
      return { token, orgId: row.id, slug };
    },
    async apiKey(orgId, scopes, extra = {}) {
      const key = generateApiKey();
      await db.prisma.apiKey.create({
        data: { orgId, name: 'test key', publicId: key.publicId, secretHash: key.secretHash, scopes, ...extra },
      });
      return key.key;
    },
    async close() {
      for (const server of [yoga, ...others]) await server.dispose();
      await db.drop();
    },
  };
  return app;
}
