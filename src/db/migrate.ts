// Applies prisma/migrations/*/migration.sql in order and keeps Prisma's
// `_prisma_migrations` bookkeeping, so `prisma migrate deploy` on a machine with
// the schema engine agrees with what ran here (design.md: no engine here).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SqlRunner {
  /** Runs a script of one or more statements (simple protocol). */
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** prisma/migrations of the checkout this module runs from (as a source file or bundled into dist/). */
function findMigrationsDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('prisma/migrations not found above the server code');
  }
}

export const migrationsDir = findMigrationsDir();

// Prisma's own advisory lock key, so this runner and `prisma migrate` exclude each other.
const MIGRATION_LOCK = 72707369;

export function listMigrations(dir = migrationsDir): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applied and pending migrations, by name (nothing is changed). */
export async function migrationStatus(
  db: SqlRunner,
  dir = migrationsDir,
): Promise<{ applied: string[]; pending: string[] }> {
  const [table] = await db.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  const rows = table?.present
    ? await db.query(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    : [];
  const done = new Set(rows.map((r) => r.migration_name as string));
  const known = listMigrations(dir).map((m) => m.name);
  return { applied: known.filter((n) => done.has(n)), pending: known.filter((n) => !done.has(n)) };
}

/** Returns the names of the migrations it applied. */
export async function applyMigrations(db: SqlRunner, dir = migrationsDir): Promise<string[]> {
  await db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await db.query(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name as string, r]));
    const applied: string[] = [];
    for (const m of listMigrations(dir)) {
      const row = done.get(m.name);
      if (row) {
        if (!row.finished_at) {
          throw new Error(`Migration ${m.name} failed earlier; fix the database, then mark it rolled back.`);
        }
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was edited after it was applied; add a new migration instead.`);
        }
        continue;
      }
      // Each migration and its bookkeeping row commit together or not at all.
      await db.exec('BEGIN');
      try {
        await db.exec(m.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
