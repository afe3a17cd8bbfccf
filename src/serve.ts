// Opens the database and listens: the body of `npm start` (main.ts) and of the
// isolation-testing entry point (scripts/serve-walls.ts). Migrations are
// applied on start for the embedded database; with DATABASE_URL they run with
// `npm run db:migrate` (as the owner role).
import { createServer as createHttpServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';
import type { Walls } from './tenancy/walls.js';

export async function serve(walls: Walls) {
  const config = loadConfig();
  const logger = createLogger(config);
  const db = await openDatabase({
    url: config.databaseUrl,
    adminUrl: config.databaseAdminUrl,
    dataDir: config.dataDir,
    pool: config.pool,
    preparedStatements: config.preparedStatements,
  });
  if (db.kind === 'pglite') {
    const applied = await db.migrate();
    if (applied.length) logger.info({ applied }, 'applied migrations');
  }
  const lifecycle = { draining: false };
  const yoga = createServer({ config, db, logger, walls, lifecycle });
  const server = createHttpServer(yoga);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}/graphql`;
    logger.info(
      { url, database: db.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgres', walls },
      `Orgraph is listening; GraphiQL at ${url}`,
    );
  });
  const shutdown = () => {
    logger.info('shutting down');
    lifecycle.draining = true;
    server.close(() => void Promise.all([db.close(), yoga.dispose()]).then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Runs `start`, turning a configuration mistake into one line and exit code 2. */
export function runMain(start: () => Promise<void>) {
  start().catch((error) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
