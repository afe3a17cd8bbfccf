import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma's schema engine can't be downloaded here (design.md): `prisma generate`
// doesn't need it, and a stub that fails makes `prisma migrate` fail loudly
// instead of faking success. Migrations are SQL applied by src/db/migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/no-schema-engine.sh', import.meta.url));

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
