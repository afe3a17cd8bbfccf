// What is checked before the server listens, and before `npm run db:migrate`
// runs: the database is reachable, exists, and (for the server) is migrated
// and has the tenant role it switches to. Each failure is one line naming the
// variable and the fix (StartupError), never a driver's stack trace.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.js';
import type { Database } from './db/database.js';

export class StartupError extends Error {}

/** Where a postgres:// URL points, without its password. */
function describe(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname || 'localhost',
    port: u.port || '5432',
    user: decodeURIComponent(u.username) || process.env.USER || 'postgres',
    database: decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres',
  };
}

/** A connection failure as one line with its fix; null for anything else. */
export function explainConnectionError(error: unknown, url: string, variable: string): StartupError | null {
  const e = error as { code?: string; message?: string };
  const { host, port, user, database } = describe(url);
  switch (e.code) {
    case '3D000':
      return new StartupError(
        `Database "${database}" does not exist on ${host}:${port} (${variable}). Create it: createdb -h ${host} -p ${port} -U ${user} ${database}`,
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return new StartupError(
        `Can't reach PostgreSQL at ${host}:${port} (${variable}): ${e.code}. Is it running there?`,
      );
    case '28P01':
    case '28000':
      return new StartupError(`PostgreSQL refused user "${user}" (${variable}): ${e.message}`);
    default:
      return null;
  }
}

/**
 * Refuses to serve a database this version can't use: not migrated (naming
 * the pending migrations), or whose role can't become the tenant role.
 */
export async function checkServable(db: Database, variable: string): Promise<void> {
  const { pending } = await db.migrationStatus();
  if (pending.length) {
    throw new StartupError(
      `The database (${variable}) is missing migrations: run npm run db:migrate. Pending: ${pending.join(', ')}`,
    );
  }
  const problem = await db.tenantRoleProblem();
  if (problem) throw new StartupError(problem);
}

/**
 * The embedded database's directory is one process's: a second server (or
 * migration) on it would see none of the first one's writes and corrupt it.
 * A lock file holds the owner's pid; one left by a process that is gone is
 * taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'orgraph.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new StartupError(
          `The embedded database in ${dir} is in use by process ${owner}: stop it first, or set DATA_DIR to another directory.`,
        );
      }
      if (existsSync(file)) rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new StartupError(`Could not lock ${file}.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Runs `start`, turning a configuration or start-up mistake into one line and exit code 2. */
export function runMain(start: () => Promise<void>) {
  start().catch((error) => {
    if (error instanceof ConfigError || error instanceof StartupError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
