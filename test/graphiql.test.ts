// GraphiQL is served by the server itself (no CDN: CI has no internet) and
// runs a query in a real browser (Debian's Chromium, driven by playwright-core).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('Chromium not installed: GraphiQL browser test skipped; .ci/run installs it');

let app: TestApp | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
let base = '';

beforeAll(async () => {
  if (!hasChromium) return;
  app = await createTestApp();
  server = createServer(app.yoga);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Headless and quiet: no sandbox as root, no GPU, no calls home.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  await app?.close();
});

test.skipIf(!hasChromium)(
  'GraphiQL loads only from this server and runs a query',
  async () => {
    const page = await browser!.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { waitUntil: 'load' });
    const execute = page.locator('.graphiql-execute-button');
    await execute.waitFor({ state: 'visible', timeout: 30_000 });
    // The editor must hold our query before executing (Monaco fills it asynchronously).
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 30_000 })
      .toContain('__typename');
    await execute.click();

    // Monaco renders spaces as non-breaking spaces.
    const response = async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(response, { timeout: 30_000 }).toContain('"__typename": "Query"');
    await page.screenshot({ path: '/tmp/graphiql.png', fullPage: true });

    // data: and blob: (favicon, Monaco workers) are in-page, not network requests.
    const offsite = requests.filter(
      (url) => !url.startsWith('data:') && new URL(url.replace(/^blob:/, '')).hostname !== '127.0.0.1',
    );
    expect(offsite).toEqual([]);
    expect(requests.some((url) => url.startsWith(`${base}/graphql`))).toBe(true);
    await page.close();
  },
  120_000,
);
