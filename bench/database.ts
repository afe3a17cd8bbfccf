// The benchmark's own database, dropped afterwards: a new PostgreSQL database
// on DATABASE_URL's server, or PGlite in a fresh temporary directory.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  /** postgres:// URL of the new database; null for PGlite. */
  url: string | null;
  /** PGlite data directory; null for PostgreSQL. */
  dataDir: string | null;
  description: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string | null): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'orgraph-bench-'));
    return {
      url: null,
      dataDir,
      description: `PGlite in ${dataDir}`,
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `orgraph_bench_${randomBytes(6).toString('hex')}`;
  await runAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: null,
    description: `PostgreSQL database ${name} on ${url.host}`,
    // FORCE: a server child killed mid-run may still hold connections.
    drop: () => runAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAdmin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
