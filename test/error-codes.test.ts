// The documented codes are all the codes (src/error-codes.ts): every kind of
// refusal a caller can provoke answers a listed extensions.code, the schema's
// descriptions and the README list every code, and no resolver can return a
// UserError code outside the list.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ERROR_CODES, USER_ERROR_CODES } from '../src/error-codes.js';
import { printServedSchema } from '../src/schema/index.js';
import { userError } from '../src/schema/payload.js';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ env: { MAX_BODY_BYTES: '2000' } });
});
afterAll(() => app?.close());

async function codesOf(init: RequestInit & { path?: string }): Promise<string[]> {
  const res = await app.yoga.fetch(`http://localhost${init.path ?? '/graphql'}`, init);
  const body = (await res.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
  return (body.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

test('every refusal a caller can provoke answers a documented code', async () => {
  const { token, slug, orgId } = await app.userWithOrg('codes@example.com', 'codes');
  const readKey = await app.apiKey(orgId, ['READ']);
  const auth = { authorization: `Bearer ${token}`, 'x-organization': slug };
  const deep = `{ organization { ${'projects(first: 1) { edges { node { tasks(first: 1) { edges { node { project { '.repeat(4)} id ${'} } } } } } } } }'.repeat(4)} } }`;
  const cases: Record<string, RequestInit & { path?: string }> = {
    unauthenticated: post({ query: '{ viewer { user { id } } }' }, { authorization: 'Bearer not-a-token' }),
    noCredential: post({ query: '{ organization { id } }' }),
    forbidden: post(
      { query: 'mutation { createProject(input: { name: "x" }) { project { id } } }' },
      {
        'x-api-key': readKey,
      },
    ),
    notFound: post(
      { query: 'mutation { deleteProject(input: { projectId: "UHJvamVjdDox" }) { deletedProjectId } }' },
      auth,
    ),
    badInput: post({ query: '{ organization { projects(first: 500) { totalCount } } }' }, auth),
    parse: post({ query: '{ viewer {' }, auth),
    validation: post({ query: '{ nope }' }, auth),
    badRequest: post('{"query": ', auth),
    operation: post({ query: 'query A { viewer { user { id } } } query B { viewer { user { id } } }' }, auth),
    tooLarge: post({ query: `{ viewer { user { id } } } # ${'x'.repeat(3000)}` }, auth),
    complexity: post({ query: deep }, auth),
    idempotency: post(
      { query: 'mutation { setActiveOrganization(input: { slug: "codes" }) { userErrors { code } } }' },
      {
        ...auth,
        'idempotency-key': 'bad',
      },
    ),
  };
  const seen = new Set<string>();
  for (const [name, init] of Object.entries(cases)) {
    const codes = await codesOf(init);
    expect([name, codes.length > 0]).toEqual([name, true]);
    for (const code of codes) {
      expect([name, code in ERROR_CODES]).toEqual([name, true]);
      seen.add(code);
    }
  }
  // The kinds above reach most of the list (the rest: limits, 503, bugs, tested elsewhere).
  expect(seen.size).toBeGreaterThanOrEqual(8);
});

test('the schema describes every code', () => {
  const sdl = printServedSchema();
  for (const code of [...Object.keys(ERROR_CODES), ...Object.keys(USER_ERROR_CODES)]) {
    expect([code, sdl.includes(`- ${code}: `)]).toEqual([code, true]);
  }
});

test('the README lists every code', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const code of [...Object.keys(ERROR_CODES), ...Object.keys(USER_ERROR_CODES)]) {
    expect([code, readme.includes(`| \`${code}\``)]).toEqual([code, true]);
  }
});

test('a UserError code outside the list is refused', () => {
  expect(() => userError('NOT_A_CODE' as never, 'x')).toThrow(/undocumented UserError code NOT_A_CODE/);
});
