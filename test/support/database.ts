// A fresh, migrated database per test file, dropped afterwards: PGlite in
// memory, or a new PostgreSQL database when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;
export const databaseMode = testDatabaseUrl ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

/** `onStatement` sees every SQL statement the server sends (tests count them). */
export async function createTestDatabase(options: { onStatement?: (sql: string) => void } = {}): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const db = await openDatabase({ url: null, dataDir: null, ...options });
    await db.migrate();
    return { ...db, url: null, drop: () => db.close().catch(() => {}) };
  }
  const name = `orgraph_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), ...options });
  await db.migrate();
  return {
    ...db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => {}); // a test may have closed it already
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
