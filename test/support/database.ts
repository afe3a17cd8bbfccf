// A fresh, migrated database per test file, dropped afterwards: PGlite in
// memory, or a new PostgreSQL database when TEST_DATABASE_URL is set.
import { openDatabase, type Database } from '../../src/db/database.js';
import type { PoolLimits } from '../../src/db/request-connections.js';
import { createScratchDatabase } from '../../src/db/scratch-database.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;
/** DATABASE_PREPARED_STATEMENTS=false: as the server behind PgBouncer in transaction mode (.ci/run). */
const preparedStatements = process.env.DATABASE_PREPARED_STATEMENTS !== 'false';
export const databaseMode = testDatabaseUrl ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

/** `onStatement` sees every SQL statement the server sends (tests count them). */
export async function createTestDatabase(
  options: { onStatement?: (sql: string) => void; pool?: Partial<PoolLimits> } = {},
): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const db = await openDatabase({ url: null, dataDir: null, ...options });
    await db.migrate();
    return { ...db, url: null, drop: () => db.close().catch(() => {}) };
  }
  const scratch = await createScratchDatabase(testDatabaseUrl, 'orgraph_test');
  const db = await openDatabase({ url: scratch.url, preparedStatements, ...options });
  await db.migrate();
  return {
    ...db,
    url: scratch.url,
    async drop() {
      await db.close().catch(() => {}); // a test may have closed it already
      await scratch.drop();
    },
  };
}
