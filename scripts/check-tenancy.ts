// npm run check:tenancy: the tenancy check (src/tenancy/check.ts) on the
// database DATABASE_URL names, which must be migrated; without it, on a fresh
// in-memory embedded database migrated here, i.e. what the code's migrations
// make. Prints one line per finding with its fix and exits 1, or one line
// saying every rule holds.
import { loadDatabaseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { schema } from '../src/schema/index.js';
import { checkServable, explainConnectionError, runMain } from '../src/startup.js';
import { checkTenancy, formatFinding, orgOwnedModelNames, prismaDatamodel } from '../src/tenancy/check.js';

runMain(async () => {
  const config = loadDatabaseConfig();
  try {
    const db = await openDatabase({
      url: config.databaseUrl,
      adminUrl: config.databaseAdminUrl,
      dataDir: null,
      pool: { size: 1 },
    });
    try {
      if (config.databaseUrl) await checkServable(db, 'DATABASE_URL');
      else await db.migrate();
      const datamodel = prismaDatamodel(db.prisma);
      const findings = await checkTenancy(db, datamodel, schema);
      const models = orgOwnedModelNames(datamodel).length;
      if (!findings.length) {
        console.log(`tenancy check: ${models} org-owned models, all rules hold`);
        return;
      }
      for (const finding of findings) console.log(formatFinding(finding));
      console.log(`tenancy check: ${findings.length} findings in ${models} org-owned models`);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  } catch (error) {
    throw (config.databaseUrl && explainConnectionError(error, config.databaseUrl, 'DATABASE_URL')) || error;
  }
});
