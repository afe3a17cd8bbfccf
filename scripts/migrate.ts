// npm run db:migrate [-- --status]: applies pending migrations to
// DATABASE_ADMIN_URL (or DATABASE_URL), or to the embedded database under
// DATA_DIR; --status lists applied and pending ones and changes nothing.
// Needs only those variables.
import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { explainConnectionError, lockDataDir, runMain } from '../src/startup.js';

const { values } = parseArgs({ options: { status: { type: 'boolean', default: false } } });

runMain(async () => {
  const config = loadDatabaseConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const db = await openDatabase({
      url: config.databaseUrl,
      adminUrl: config.databaseAdminUrl,
      dataDir: config.dataDir,
      pool: { size: 1 },
    });
    try {
      if (values.status) {
        const { applied, pending } = await db.migrationStatus();
        for (const name of applied) console.log(`applied  ${name}`);
        for (const name of pending) console.log(`pending  ${name}`);
        console.log(pending.length ? `${pending.length} pending: run npm run db:migrate` : 'Database is up to date.');
      } else {
        const applied = await db.migrate();
        console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.');
      }
    } finally {
      await db.close();
    }
  } catch (error) {
    const url = config.databaseAdminUrl;
    const variable = process.env.DATABASE_ADMIN_URL ? 'DATABASE_ADMIN_URL' : 'DATABASE_URL';
    throw (url && explainConnectionError(error, url, variable)) || error;
  } finally {
    unlock();
  }
});
