// Opens the database and listens: the body of `npm start` (main.ts) and of the
// isolation-testing entry point (scripts/serve-walls.ts). Nothing listens
// before the database is known to serve (startup.ts): the embedded
// database is locked to this process and migrated on start; with
// DATABASE_URL, migrations run with `npm run db:migrate` (as the owner role)
// and the server refuses a database that misses one (startup.ts).
import { createServer as createHttpServer } from 'node:http';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { checkServable, explainConnectionError, lockDataDir, StartupError } from './startup.js';
import { createLogger } from './logger.js';
import type { Lifecycle } from './operations.js';
import { createServer } from './server.js';
import type { Walls } from './tenancy/walls.js';

export async function serve(walls: Walls) {
  const config = loadConfig();
  const logger = createLogger(config);
  let unlock = () => {};
  if (!config.databaseUrl) {
    unlock = lockDataDir(config.dataDir);
    process.once('exit', () => unlock());
  }
  const db = await openServedDatabase(config, logger);
  const lifecycle: Lifecycle = { draining: false };
  const yoga = createServer({ config, db, logger, walls, lifecycle });
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${where} is in use (PORT): stop what listens there, or set PORT to another.`));
      } else if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
        reject(new StartupError(`Can't listen on ${where} (${error.code}): check HOST and PORT.`));
      } else reject(error);
    });
    server.listen(config.port, config.host, resolve);
  }).catch(async (error) => {
    await db.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  lifecycle.url = `http://${config.host}:${port}`;
  const url = `${lifecycle.url}/graphql`;
  logger.info(
    { url, database: db.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgres', walls },
    `Orgraph is listening; GraphiQL at ${url}`,
  );
  if (config.jwt.development) {
    logger.info(`Try it signed in (development secret): ${url}?as=you@example.com`);
  }
  const shutdown = () => {
    logger.info('shutting down');
    lifecycle.draining = true;
    server.close(() => void Promise.all([db.close(), yoga.dispose()]).then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The database, ready to serve: the embedded one migrated, PostgreSQL checked. */
async function openServedDatabase(config: Config, logger: Logger): Promise<Database> {
  try {
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
    } else {
      await checkServable(db, 'DATABASE_URL');
    }
    return db;
  } catch (error) {
    throw config.databaseUrl ? (explainConnectionError(error, config.databaseUrl, 'DATABASE_URL') ?? error) : error;
  }
}
