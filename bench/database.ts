// The benchmark's own database, dropped afterwards: a new PostgreSQL database
// on DATABASE_URL's server, or PGlite in a fresh temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../src/db/scratch-database.js';

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
  const scratch = await createScratchDatabase(serverUrl, 'orgraph_bench');
  return {
    url: scratch.url,
    dataDir: null,
    description: `PostgreSQL database ${scratch.name} on ${new URL(serverUrl).host}`,
    drop: scratch.drop,
  };
}
