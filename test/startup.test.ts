// Starting and stopping, as an operator meets it: nothing listens on a
// database it can't serve, each refusal is one line naming the fix, the
// embedded database is one process's, `npm run db:migrate` needs only the
// database URL, and SIGTERM lets the request in flight finish.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { signUserToken } from '../src/auth/jwt.js';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { TEST_JWT_SECRET } from './support/app.js';
import { createTestDatabase, testDatabaseUrl } from './support/database.js';
import { runToExit, startServer } from './support/process.js';

const SERVER_ENV = { JWT_SECRET: TEST_JWT_SECRET, MAILER: 'none' };
const dirs: string[] = [];
const dataDir = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'orgraph-start-')));
  return dirs.at(-1)!;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database', { timeout: 120_000 }, () => {
  test('is never opened by two processes: the second names the first and exits', async () => {
    const dir = dataDir();
    const first = await startServer({ DATA_DIR: dir });
    try {
      const second = await runToExit({ DATA_DIR: dir, PORT: '0' });
      expect(second.code).toBe(2);
      expect(second.stderr.trim()).toBe(
        `The embedded database in ${dir} is in use by process ${first.pid}: stop it first, or set DATA_DIR to another directory.`,
      );
      const migrate = await runToExit({ DATA_DIR: dir }, ['scripts/migrate.ts']);
      expect(migrate.code).toBe(2);
      expect(migrate.stderr).toContain(`in use by process ${first.pid}`);
      // The first still answers.
      expect((await fetch(`${first.url}/ready`)).status).toBe(200);
    } finally {
      await first.stop();
    }
    // Once it has stopped, the directory is free again.
    const again = await startServer({ DATA_DIR: dir });
    await again.stop();
  });

  test('a busy port is one line naming PORT', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const res = await runToExit({ DATA_DIR: dataDir(), PORT: String(port) });
      expect(res.code).toBe(2);
      expect(res.stderr.trim()).toBe(
        `Port 127.0.0.1:${port} is in use (PORT): stop what listens there, or set PORT to another.`,
      );
    } finally {
      taken.close();
    }
  });
});

describe.runIf(testDatabaseUrl)('PostgreSQL', { timeout: 120_000 }, () => {
  test('db:migrate needs only DATABASE_URL, says how to create a missing database, and --status lists', async () => {
    const url = new URL(testDatabaseUrl!);
    url.pathname = '/orgraph_test_missing_db';
    const missing = await runToExit({ DATABASE_URL: url.toString() }, ['scripts/migrate.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      `Database "orgraph_test_missing_db" does not exist on ${url.hostname}:${url.port || '5432'} (DATABASE_URL). Create it: createdb -h ${url.hostname} -p ${url.port || '5432'} -U ${decodeURIComponent(url.username) || 'postgres'} orgraph_test_missing_db`,
    );

    const scratch = await createScratchDatabase(testDatabaseUrl!, 'orgraph_test');
    try {
      const before = await runToExit({ DATABASE_URL: scratch.url }, ['scripts/migrate.ts', '--status']);
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^pending {2}20261123000000_init$/m);
      expect(before.stdout).toMatch(/pending: run npm run db:migrate/);

      // The server refuses an unmigrated database before it listens.
      const refused = await runToExit({ ...SERVER_ENV, DATABASE_URL: scratch.url, PORT: '0' });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^The database \(DATABASE_URL\) is missing migrations: run npm run db:migrate\. Pending: 20261123000000_init, /,
      );
      expect(refused.stdout).not.toContain('listening');

      const migrated = await runToExit({ DATABASE_URL: scratch.url }, ['scripts/migrate.ts']);
      expect([migrated.code, migrated.stdout]).toEqual([0, expect.stringMatching(/^Applied 20261123000000_init, /)]);
      const after = await runToExit({ DATABASE_URL: scratch.url }, ['scripts/migrate.ts', '--status']);
      expect(after.stdout).not.toContain('pending ');
      expect(after.stdout).toContain('Database is up to date.');
    } finally {
      await scratch.drop();
    }
  });

  test('an unreachable database is one line naming DATABASE_URL', async () => {
    const res = await runToExit({ ...SERVER_ENV, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/nothing', PORT: '0' });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(
      "Can't reach PostgreSQL at 127.0.0.1:9 (DATABASE_URL): ECONNREFUSED. Is it running there?",
    );
  });

  test('SIGTERM: the request in flight finishes, then the process exits 0', async () => {
    const db = await createTestDatabase();
    const server = await startServer({ ...SERVER_ENV, DATABASE_URL: db.url! });
    const blocker = new pg.Client({ connectionString: db.url! });
    await blocker.connect();
    try {
      const token = await signUserToken({ secret: TEST_JWT_SECRET, jwksUrl: null }, { email: 'drain@example.com' });
      const call = (query: string) =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-organization': 'drain' },
          body: JSON.stringify({ query }),
        });
      await call('mutation { createOrganization(input: { name: "Drain", slug: "drain" }) { userErrors { code } } }');
      // Hold the org's row so the rename waits, then ask the server to stop meanwhile.
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM organizations WHERE slug = 'drain' FOR UPDATE`);
      const inFlight = call('mutation { updateOrganization(input: { name: "Drained" }) { organization { name } } }');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopped = server.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await blocker.query('COMMIT');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toEqual({
        updateOrganization: { organization: { name: 'Drained' } },
      });
      expect(await stopped).toBe(0);
    } finally {
      await blocker.end();
      await server.stop();
      await db.drop();
    }
  });
});
