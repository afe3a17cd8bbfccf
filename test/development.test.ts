// A newcomer's GraphiQL: signed in from the address bar where the development
// secret is accepted, and nowhere else; an invitation link without a front end
// opens GraphiQL with the accept mutation for its token.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenVerifier } from '../src/auth/jwt.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { createTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const page = (yoga: ReturnType<typeof createServer>, path: string) =>
  yoga.fetch(`http://localhost${path}`, { headers: { accept: 'text/html' } });

/** A server on the embedded database's defaults: the development secret, loopback, not production. */
function developmentServer(env: Record<string, string> = {}) {
  const config = loadConfig({ MAILER: 'none', ...env });
  return { config, yoga: createServer({ config, db: app.db, logger: createLogger({ logLevel: 'silent' }) }) };
}

test('?as=<email> opens GraphiQL signed in, with the org header, on a development server only', async () => {
  const { config, yoga } = developmentServer();
  expect(config.jwt.development).toBe(true);
  const html = await (await page(yoga, '/graphql?as=newcomer@example.com&org=acme')).text();
  const token = /Bearer (ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(html)?.[1];
  expect(token).toBeDefined();
  expect(await createTokenVerifier(config.jwt)(token!)).toMatchObject({ email: 'newcomer@example.com' });
  expect(html).toContain('X-Organization');
  expect(html).toContain('Orgraph, as newcomer@example.com');

  // With a real secret (here the test app's), the address bar signs nobody in.
  const plain = await (await page(app.yoga, '/graphql?as=newcomer@example.com')).text();
  expect(plain).not.toMatch(/Bearer ey/);
  expect(plain).toContain('Welcome to Orgraph');
});

test('an invitation link without APP_URL opens GraphiQL with its accept mutation', async () => {
  const { yoga } = developmentServer();
  const token = `ogi_${'a'.repeat(43)}`;
  const res = await yoga.fetch(`http://localhost/invitations/accept?token=${token}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const target = new URL(res.headers.get('location')!);
  expect(target.pathname).toBe('/graphql');
  expect(target.searchParams.get('query')).toContain(`acceptInvitation(input: { token: "${token}" })`);
  expect((await yoga.fetch('http://localhost/invitations/accept?token=nope')).status).toBe(400);

  // With a front end (APP_URL), the link is the front end's: this server has no such page.
  const withApp = developmentServer({ APP_URL: 'https://app.example.com' }).yoga;
  expect((await withApp.fetch(`http://localhost/invitations/accept?token=${token}`)).status).toBe(404);
});

test('a CORS preflight while CORS is off is told how to turn it on', async () => {
  const res = await app.yoga.fetch('http://localhost/graphql', {
    method: 'OPTIONS',
    headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
  });
  expect(res.status).toBe(403);
  expect(await res.text()).toMatch(/CORS_ORIGINS=/);
});
