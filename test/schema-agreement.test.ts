// Proves the hand-written SQL migrations build the database prisma/schema.prisma
// describes: Prisma's own schema engine diffs a freshly migrated database against
// the schema (as `prisma migrate diff --from-config-datasource --to-schema` would)
// and must find nothing to change. Tables, columns, native types, enums, nullability,
// keys, unique and plain indexes (order, DESC) and foreign-key actions are all its
// to compare; _prisma_migrations, RLS policies, triggers and functions it ignores.
//
// The native engine can't be had here and the CLI has no other (with the stub it
// exits 0 having printed nothing), so this runs the engine's Wasm build, which
// reads the database through a driver adapter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyMigrations } from '../src/db/migrate.js';
import { createTestDatabase, testDatabaseUrl } from './support/database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = join(root, 'prisma/schema.prisma');
const schemaText = readFileSync(schemaPath, 'utf8');

const schema = [{ path: schemaPath, content: schemaText }];

type Target = bindings.DiffTarget;
const theDatabase: Target = { tag: 'schemaDatasource', files: schema, configDir: root };
const theSchema: Target = { tag: 'schemaDatamodel', files: schema };

let database: {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};
let engine: bindings.SchemaEngine;

beforeAll(async () => {
  database = await migratedDatabase();
  await loadSchemaEngine();
  engine = await bindings.SchemaEngine.new(
    { datamodels: schema.map((file) => [file.path, file.content]) },
    () => {}, // the engine's log lines
    bindMigrationAwareSqlAdapterFactory(database.adapter),
  );
});
afterAll(() => database?.close());

async function diff(from: Target, to: Target, script: boolean) {
  const result = await engine.diff({
    from,
    to,
    script,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  return { exitCode: result.exitCode, text: (result.stdout ?? '').trim() };
}

test('the engine reads both sides', async () => {
  // Guards the test below against passing because it compared nothing with nothing.
  const createdTables = async (target: Target) =>
    [...(await diff({ tag: 'empty' }, target, true)).text.matchAll(/CREATE TABLE (?:"\w+"\.)?"(\w+)"/g)]
      .map((m) => m[1])
      .sort();
  const fromSchema = await createdTables(theSchema);
  expect(fromSchema).toContain('users');
  expect(await createdTables(theDatabase)).toEqual(fromSchema);
});

test('the migrated database is what schema.prisma describes', async () => {
  // The summary lists what differs per table; the SQL, how Prisma would change the database.
  const summary = await diff(theDatabase, theSchema, false);
  const sql = await diff(theDatabase, theSchema, true);
  expect(summary.text, `Prisma would bring the database in line with:\n${sql.text}\n\n`).toBe(
    'No difference detected.',
  );
  expect(summary.exitCode).toBe(0);
});

test('enum values are in schema order', async () => {
  // The engine compares enum values as sets, but their order is what ORDER BY sorts by.
  const rows = await database.query(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
     FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  expect(Object.fromEntries(rows.map((row) => [row.name, row.values]))).toEqual(schemaEnums());
});

// { type name: values in order } from the schema's `enum` blocks, honouring @map and @@map.
function schemaEnums() {
  return Object.fromEntries(
    [...schemaText.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map(([, name, body]) => {
      const lines = body!
        .split('\n')
        .map((line) => line.replace(/\/\/.*/, '').trim())
        .filter(Boolean);
      const typeName = lines.map((line) => /^@@map\("([^"]+)"\)/.exec(line)?.[1]).find(Boolean) ?? name;
      const values = lines
        .filter((line) => !line.startsWith('@@'))
        .map((line) => /@map\("([^"]+)"\)/.exec(line)?.[1] ?? line.split(/\s/)[0]);
      return [typeName, values];
    }),
  );
}

// A fresh database migrated by src/db/migrate.ts, and a driver adapter onto it.
async function migratedDatabase(): Promise<typeof database> {
  if (testDatabaseUrl) {
    const db = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: db.url!, max: 2 });
    readCharAsText(pool);
    return {
      adapter: new PrismaPg(pool),
      query: async (sql) => (await pool.query(sql)).rows,
      close: async () => {
        await pool.end();
        await db.drop();
      },
    };
  }
  // createTestDatabase() keeps its PGlite inside its client: make the same one, in memory.
  const pglite = new PGlite();
  await applyMigrations({
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  });
  return {
    adapter: new PrismaPGlite(pglite),
    query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
    close: () => pglite.close(),
  };
}

// adapter-pg has no column type for PostgreSQL's one-byte "char" (pg_constraint.contype,
// confdeltype…), which the engine's catalog queries read; pg returns it as a string.
function readCharAsText(pool: pg.Pool) {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult | undefined>;
  (pool as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
}

// The engine is the Wasm build inside the installed `prisma` package, so exactly our
// Prisma's; @prisma/schema-engine-wasm supplies its JS glue (that engine build itself
// isn't published: if this stops linking after a Prisma upgrade, upgrade that package too).
async function loadSchemaEngine() {
  const prismaDir = dirname(createRequire(import.meta.url).resolve('prisma/package.json'));
  const wasm = readFileSync(join(prismaDir, 'build/schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(wasm, {
    './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
}
