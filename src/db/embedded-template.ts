// A first start on an empty DATA_DIR copies a migrated embedded database
// instead of creating and migrating one (PGlite's initdb and the migrations
// take most of a first start: about 6 of 8 s on two cores). The template is
// made by `npm run build` (scripts/build.mjs runs `node dist/make-template.js`)
// whenever the migrations change, named for them, so a stale one is never
// used; without one, the database is created and migrated as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listMigrations, migrationsDir } from './migrate.js';

/** dist/embedded-template/<hash of the migrations>.tar.gz, beside the migrations' checkout. */
function templatePath(): string {
  const hash = createHash('sha256');
  for (const m of listMigrations()) hash.update(`${m.name}:${m.checksum}\n`);
  return join(
    dirname(dirname(migrationsDir)),
    'dist',
    'embedded-template',
    `${hash.digest('hex').slice(0, 16)}.tar.gz`,
  );
}

/** The template for this code's migrations, for an empty data directory; null when there is none to use. */
export function templateFor(dataDir: string): Blob | null {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return null;
  const path = templatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : null;
}

/** Makes the template: a fresh in-memory database, migrated, dumped. */
export async function makeTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const { PGlite } = await import('@electric-sql/pglite');
  const { applyMigrations } = await import('./migrate.js');
  const pglite = new PGlite();
  await applyMigrations({
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  });
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  return path;
}
