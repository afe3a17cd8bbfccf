// The README's shell blocks run as written, in order, so they cannot rot:
// every block marked "test/readme.test.ts runs this block" is run with bash
// against a server started as the README says (the embedded database, or on
// PostgreSQL the database its first block creates and migrates), on a free
// port instead of 4000.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { testDatabaseUrl } from './support/database.js';
import { startServer } from './support/process.js';

const MARK = '<!-- test/readme.test.ts runs this block -->';
const run = promisify(execFile);

function markedBlocks(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  return readme
    .split(MARK)
    .slice(1)
    .map((part) => /^\s*```sh\n([\s\S]*?)\n```/.exec(part)?.[1] ?? '')
    .filter(Boolean);
}

async function bash(script: string, env: Record<string, string>) {
  return run('bash', ['-euo', 'pipefail', '-c', script], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
    maxBuffer: 10_000_000,
  });
}

test(
  'every marked README block runs, in order, against a server started as the README says',
  { timeout: 180_000 },
  async () => {
    const [postgresBlock, ...rest] = markedBlocks();
    expect(postgresBlock).toMatch(/^createdb /);
    expect(rest.length).toBeGreaterThanOrEqual(4);

    const env: Record<string, string> = {};
    const cleanup: (() => Promise<unknown>)[] = [];
    try {
      if (testDatabaseUrl) {
        // As written, but into a database of its own (the README's name may be taken on this machine).
        const name = `orgraph_readme_${randomBytes(4).toString('hex')}`;
        const script = postgresBlock!.replaceAll('/orgraph\n', `/${name}\n`).replace(/ orgraph$/m, ` ${name}`);
        cleanup.push(() => bash(`dropdb -h 127.0.0.1 -U postgres --if-exists --force ${name}`, {}));
        const migrated = await bash(`${script}\necho "DATABASE_URL=$DATABASE_URL"`, {});
        expect(migrated.stdout).toContain('Database is up to date.');
        env.DATABASE_URL = /DATABASE_URL=(\S+)/.exec(migrated.stdout)![1]!;
        env.JWT_SECRET = randomBytes(32).toString('hex');
        env.MAILER = 'none';
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'orgraph-readme-'));
        cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
        env.DATA_DIR = dir;
      }
      const server = await startServer(env);
      cleanup.unshift(() => server.stop());
      const address = server.url.replace(/^http:\/\//, '');
      const script = rest.join('\n').replaceAll('localhost:4000', address);
      const { DATA_DIR: _dir, ...shell } = env;
      const { stdout } = await bash(script, shell);
      // What the walkthrough ends with: members and the audit trail.
      expect(stdout).toContain('"slug":"acme"');
      expect(stdout).toContain('"email": "bob@example.com"');
      expect(stdout).toContain('"title": "Write the announcement"');
      for (const action of ['organization.created', 'invitation.created', 'invitation.accepted', 'api_key.created']) {
        expect(stdout).toContain(`"action": "${action}"`);
      }
    } finally {
      for (const step of cleanup) await step().catch(() => {});
    }
  },
);
