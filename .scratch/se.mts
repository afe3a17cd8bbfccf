import { readFileSync } from 'node:fs';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { createTestDatabase } from '../test/support/database.js';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';

const wasmPath = process.env.WASM ?? '/tmp/sew/package/schema_engine_bg.wasm';
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': glue as any });
glue.__wbg_set_wasm(instance.exports);
(instance.exports as any).__wbindgen_start();
console.log('engine version', glue.version());

const db = await createTestDatabase();
let factory: any;
if (db.url) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: db.url });
  const query = pool.query.bind(pool) as any;
  (pool as any).query = async (...args: any[]) => {
    const res = await query(...args);
    for (const f of res?.fields ?? []) if (f.dataTypeID === 18) { f.dataTypeID = 25; }
    return res;
  };
  factory = new PrismaPg(pool);
}
else {
  // reach PGlite instance: not exposed; open our own
  const { PGlite } = await import('@electric-sql/pglite');
  const { applyMigrations } = await import('../src/db/migrate.js');
  const pglite = new PGlite();
  await applyMigrations({ exec: async (s) => void (await pglite.exec(s)), query: async (s, p) => (await pglite.query(s, p as unknown[])).rows as any });
  factory = new PrismaPGlite(pglite);
}
const schema = readFileSync('prisma/schema.prisma', 'utf8');
const files = [{ path: 'prisma/schema.prisma', content: process.env.SCHEMA ? readFileSync(process.env.SCHEMA, 'utf8') : schema }];
const engine = await glue.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, (log: string) => { if (process.env.DEBUGSE) console.error('LOG', log); }, bindMigrationAwareSqlAdapterFactory(factory));
const filters = { externalTables: [], externalEnums: [] };
for (const script of [false, true]) {
  const res = await engine.diff({ from: { tag: 'schemaDatasource', files, configDir: process.cwd() }, to: { tag: 'schemaDatamodel', files }, script, exitCode: true, filters });
  console.log(JSON.stringify(res, null, 1));
}
await db.drop();
