// npm run db:migrate: applies pending migrations to DATABASE_ADMIN_URL (or
// DATABASE_URL), or to the embedded database under DATA_DIR.
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

try {
  const config = loadConfig();
  const db = await openDatabase({
    url: config.databaseUrl,
    adminUrl: config.databaseAdminUrl,
    dataDir: config.dataDir,
    pool: { size: 1 },
  });
  try {
    const applied = await db.migrate();
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
