// Safe defaults at the HTTP edge: masked errors, CSRF prevention, limits, CORS,
// switchable GraphiQL and introspection, request ids.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const logs: Record<string, unknown>[] = [];
beforeAll(async () => {
  app = await createTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' }, onLog: (line) => logs.push(line) });
});
afterAll(() => app?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('errors from bugs', () => {
  test('are masked in the response and logged with the request id', async () => {
    const broken = await createTestApp({ onLog: (line) => logs.push(line) });
    const token = await broken.token('x@example.com');
    await broken.db.close(); // every query now fails inside the server
    const response = await broken.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': 'req-under-test',
      },
      body: JSON.stringify({ query: '{ viewer { user { email } } }' }),
    });
    const text = await response.text();
    expect(response.headers.get('x-request-id')).toBe('req-under-test');
    expect(text).toContain('Unexpected error.');
    expect(text).not.toMatch(/prisma|select|stack|pglite|pool/i);
    expect(
      logs.filter((l) => l.level === 50),
      JSON.stringify(logs),
    ).toContainEqual(expect.objectContaining({ requestId: 'req-under-test' }));
    await broken.close();
  });
});

describe('the access log', () => {
  test('one line per request: id, operation, org, caller, status, codes, duration; never the document or a secret', async () => {
    const { token, orgId } = await app.userWithOrg('access@example.com', 'access-org');
    const user = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'access@example.com' } });
    const key = await app.apiKey(orgId, ['READ']);
    const lines = () => logs.filter((l) => l.msg === 'request');
    const before = lines().length;
    await app.gql(
      'query Mine { organization { slug } }',
      {},
      { token, org: 'access-org', headers: { 'x-request-id': 'access-1' } },
    );
    await app.gql(
      '{ organization { projects { totalCount } } }',
      {},
      { apiKey: key, headers: { 'x-request-id': 'access-2' } },
    );
    await app.gql(
      'mutation Nope { deleteProject(input: { projectId: "bad" }) { deletedProjectId } }',
      {},
      {
        token,
        org: 'access-org',
        headers: { 'x-request-id': 'access-3' },
      },
    );
    const mine = lines().slice(before);
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatchObject({
      level: 30,
      requestId: 'access-1',
      operation: { type: 'query', name: 'Mine' },
      orgId,
      userId: user.id,
      status: 200,
      codes: [],
    });
    expect(typeof mine[0]!.durationMs).toBe('number');
    expect(mine[1]).toMatchObject({ requestId: 'access-2', orgId, status: 200, codes: [] });
    const keyRow = await app.db.prisma.apiKey.findFirstOrThrow({ where: { orgId } });
    expect(mine[1]!.apiKeyId).toBe(keyRow.id);
    expect(mine[1]).not.toHaveProperty('userId');
    expect(mine[2]).toMatchObject({
      requestId: 'access-3',
      operation: { type: 'mutation', name: 'Nope' },
      codes: ['BAD_USER_INPUT'],
    });
    const text = JSON.stringify(mine);
    for (const secret of [token, key, 'deleteProject', 'organization {']) expect(text).not.toContain(secret);
  });
});

describe('secrets never reach the log', () => {
  test('at debug, with an unexpected error: no invitation token, API key or JWT, inline or in variables', async () => {
    const lines: Record<string, unknown>[] = [];
    const noisy = await createTestApp({ env: { LOG_LEVEL: 'debug' }, onLog: (line) => lines.push(line) });
    const token = await noisy.token('logs@example.com');
    const invitation = 'ogi_' + 'A'.repeat(43);
    const apiKey = 'ogk_' + 'B'.repeat(12) + '_' + 'C'.repeat(40);
    await noisy.db.close(); // every query now fails: an unexpected error, logged with what it knows
    const ask = async (authorization: string, query: string, variables?: Record<string, unknown>) =>
      (
        await noisy.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query, variables }),
        })
      ).text();
    await ask(
      `Bearer ${token}`,
      `mutation { acceptInvitation(input: { token: "${invitation}" }) { userErrors { code } } }`,
    );
    await ask(
      `Bearer ${token}`,
      'mutation($t: String) { acceptInvitation(input: { token: $t }) { userErrors { code } } }',
      {
        t: invitation,
      },
    );
    await ask(`Bearer ${apiKey}`, '{ organization { slug } }');
    const logged = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(invitation);
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(token.split('.')[1]!);
    await noisy.close();
  });
});

describe('limits', () => {
  test('a body over MAX_BODY_BYTES is refused with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } }));
    expect(response.status).toBe(413);
  });

  test('too deep, too costly, too many aliases, too many tokens', async () => {
    const token = await app.token('limits@example.com');
    const deep = `{ viewer { memberships { edges { node { organization { members { edges { node { organization { members { edges { node { organization { id } } } } } } } } } } } } } }`;
    const costly = `{ organization { projects(first: 100) { edges { node { tasks(first: 100) { edges { node { title status } } } } } } } }`;
    const affordable = `{ organization { projects(first: 20) { edges { node { tasks(first: 20) { edges { node { title status assignee { email } } } } } } } } }`;
    for (const [query, message] of [
      [deep, /depth/],
      [costly, /complexity/],
    ] as const) {
      // Refused before any resolver runs: the root field is null with the reason.
      const res = await app.gql(query, {}, { token });
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect((await app.gql(affordable, {}, { token })).errors).toBeUndefined();
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: organization { id }`).join(' ')} }`;
    const tokens = `{ ${Array.from({ length: 2000 }, () => '__typename').join(' ')} }`;
    for (const query of [aliases, tokens]) {
      const body = await (await post(JSON.stringify({ query }))).json();
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.length).toBeGreaterThan(0);
    }
  });
});

describe('ids looked up in one request', () => {
  const statements: string[] = [];
  let counted: TestApp;
  beforeAll(async () => {
    counted = await createTestApp({ onStatement: (sql) => statements.push(sql) });
  });
  afterAll(() => counted?.close());

  test('at most 100 across every node and nodes field, refused before any database work', async () => {
    const { encodeGlobalID } = await import('../src/lib/global-id.js');
    const token = await counted.token('ids@example.com');
    const ids = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) =>
        encodeGlobalID('Task', `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`),
      );
    const query = `query($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } ...more }
      fragment more on Query { b: nodes(ids: $b) { id } one: node(id: "${ids(1, 999)[0]}") { id } }`;
    statements.length = 0;
    const refused = await counted.gql(query, { a: ids(60), b: ids(40, 60) }, { token });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(
      /At most 100 ids in node and nodes fields together; this request asks for 101/,
    );
    expect(statements).toEqual([]);
    const allowed = await counted.gql(query, { a: ids(59), b: ids(40, 60) }, { token });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.a).toHaveLength(59);
  });

  test('viewer.pendingInvitations is priced at the most it returns (100)', async () => {
    const token = await counted.token('pending@example.com');
    const query = `{ viewer { pendingInvitations { organization { members(first: 100) { edges { node { user { email } } } } } } } }`;
    const res = await counted.gql(query, {}, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/complexity/);
  });
});

describe('bad input gets a clear answer and changes nothing', () => {
  test('text with NUL, in a variable, a literal or a token claim: BAD_USER_INPUT (401 for a token)', async () => {
    const { token } = await app.userWithOrg('nul@example.com', 'nul-org');
    const as = { token, org: 'nul-org' };
    const create = 'mutation($name: String!) { createProject(input: { name: $name }) { project { id } } }';
    for (const res of [
      await app.gql(create, { name: 'a\u0000b' }, as),
      await app.gql('mutation { createProject(input: { name: "a\\u0000b" }) { project { id } } }', {}, as),
      await app.gql('{ organization { slug } }', { unused: ['x', { deep: '\u0000' }] }, as),
    ]) {
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/NUL/);
    }
    expect(await app.db.prisma.project.count({ where: { name: { startsWith: 'a' } } })).toBe(0);
    const nulName = await app.token('nul-claim@example.com', { name: 'bad\u0000name' });
    const refused = await app.gql('{ viewer { user { email } } }', {}, { token: nulName });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a DateTime PostgreSQL or ISO-8601 cannot hold: BAD_USER_INPUT, no key made', async () => {
    const { token, orgId } = await app.userWithOrg('dates@example.com', 'dates-org');
    const res = await app.gql(
      'mutation($at: DateTime) { createApiKey(input: { name: "far", scopes: [READ], expiresAt: $at }) { secret } }',
      { at: '+010000-01-01T00:00:00.000Z' },
      { token, org: 'dates-org' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/DateTime/);
    const literal = await app.gql(
      'mutation { createApiKey(input: { name: "far", scopes: [READ], expiresAt: "+010000-01-01T00:00:00.000Z" }) { secret } }',
      {},
      { token, org: 'dates-org' },
    );
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.message).toMatch(/between 0001-01-01 and 9999-12-31/);
    expect(await app.db.prisma.apiKey.count({ where: { orgId } })).toBe(0);
  });

  test('ids naming a type that is no node are ids of nothing: null, no error', async () => {
    const { token } = await app.userWithOrg('types@example.com', 'types-org');
    const uuid = '00000000-0000-4000-8000-000000000001';
    const ids = ['DateTime', 'Node', 'constructor', '__proto__', 'Query', 'PageInfo', 'Viewer'].map((t) =>
      Buffer.from(`${t}:${uuid}`).toString('base64'),
    );
    for (const id of ids) {
      const res = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { token, org: 'types-org' });
      expect(res).toEqual({ status: 200, data: { node: null } });
    }
    const many = await app.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, { token, org: 'types-org' });
    expect(many).toEqual({ status: 200, data: { nodes: ids.map(() => null) } });
  });
});

describe('CSRF prevention', () => {
  test('a simple GET without a preflight-forcing header is refused', async () => {
    const response = await app.yoga.fetch('http://localhost/graphql?query=%7B__typename%7D', { method: 'GET' });
    expect(response.status).toBe(403);
    const allowed = await app.yoga.fetch('http://localhost/graphql?query=%7B__typename%7D', {
      method: 'GET',
      headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('CORS', () => {
  test('only configured origins are allowed', async () => {
    const preflight = (origin: string) =>
      app.yoga.fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    expect((await preflight('https://app.example.com')).headers.get('access-control-allow-origin')).toBe(
      'https://app.example.com',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});

describe('switches', () => {
  test('GraphiQL and introspection are on by default and can be turned off', async () => {
    const page = await app.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('Orgraph');
    const introspection = await (await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }))).json();
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });

    const locked = await createTestApp({ env: { GRAPHIQL: 'false', INTROSPECTION: 'false' } });
    try {
      const noPage = await locked.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
      expect(await noPage.text()).not.toContain('<html');
      const refused = await locked.gql('{ __schema { queryType { name } } }');
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.length).toBeGreaterThan(0);
    } finally {
      await locked.close();
    }
  });
});

describe('GraphQL over HTTP (graphql-http audits)', () => {
  // Run against the yoga under test; each MUST of the spec is an error when broken.
  for (const audit of serverAudits({
    url: 'http://localhost/graphql',
    fetchFn: (input: string, init?: RequestInit) => app.yoga.fetch(new URL(input), init ?? {}),
  })) {
    test(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'error' ? result.reason : 'ok').toBe('ok');
    });
  }
});
