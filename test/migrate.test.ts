// The migration runner: Prisma's bookkeeping, idempotent, and refusing a
// migration edited after it ran. Also the CLI entry points people use first.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenVerifier } from '../src/auth/jwt.js';
import { loadConfig } from '../src/config.js';
import { applyMigrations, listMigrations, migrationsDir, type SqlRunner } from '../src/db/migrate.js';
import { createScratchDatabase, type ScratchDatabase } from '../src/db/scratch-database.js';
import { TEST_JWT_SECRET } from './support/app.js';
import { testDatabaseUrl } from './support/database.js';

let runner: SqlRunner;
let close: () => Promise<void>;
let copy: string;

beforeAll(async () => {
  if (testDatabaseUrl) {
    const scratch: ScratchDatabase = await createScratchDatabase(testDatabaseUrl, 'orgraph_test');
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    runner = {
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    };
    close = async () => {
      await client.end();
      await scratch.drop();
    };
  } else {
    const pglite = new PGlite();
    runner = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as Record<string, unknown>[],
    };
    close = () => pglite.close();
  }
  copy = mkdtempSync(join(tmpdir(), 'orgraph-migrations-'));
  cpSync(migrationsDir, copy, { recursive: true });
});
afterAll(async () => {
  await close?.();
  rmSync(copy, { recursive: true, force: true });
});

test("applies every migration once, with Prisma's bookkeeping, and then nothing", async () => {
  const migrations = listMigrations(copy);
  expect(await applyMigrations(runner, copy)).toEqual(migrations.map((m) => m.name));
  const rows = await runner.query(
    'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name',
  );
  expect(rows).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum, finished: true })));
  expect(await applyMigrations(runner, copy)).toEqual([]);
});

test('a migration edited after it ran is refused, naming it', async () => {
  const last = listMigrations(copy).at(-1)!;
  appendFileSync(join(copy, last.name, 'migration.sql'), '\n-- edited\n');
  await expect(applyMigrations(runner, copy)).rejects.toThrow(new RegExp(`${last.name} was edited`));
});

test('npm run token prints a token the server accepts', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/token.ts', '--email', 'Script@Example.com', '--name', 'Script'],
    { env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET } },
  );
  const verify = createTokenVerifier(loadConfig({ JWT_SECRET: TEST_JWT_SECRET }).jwt);
  expect(await verify(stdout.trim())).toMatchObject({
    email: 'script@example.com',
    emailVerified: true,
    name: 'Script',
  });
});

test('npm run serve:walls refuses to run a server with a wall off unless told it is an isolation test', async () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/serve-walls.ts', ...args], {
      env: { ...process.env, ...env },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
  for (const [args, env] of [
    [['--walls', 'none'], {}],
    [['--walls', 'rls-only', '--isolation-test'], { NODE_ENV: 'production' }],
    [['--walls', 'sideways', '--isolation-test'], {}],
  ] as const) {
    const { code, stderr } = await run([...args], env);
    expect(code, args.join(' ')).toBe(2);
    expect(stderr).toMatch(/--isolation-test|--walls must be/);
  }
});
