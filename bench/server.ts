// One server under test, in its own process so the load generator doesn't share
// its event loop. run.ts forks it with the configuration in its environment and
// the tenancy walls as its argument (`both`, or one off: never through the
// environment, see tenancy/walls.ts).
// IPC: sends `ready` with its port; answers `stats` with the statements sent to
// the database, the requests received and those still running; exits on `stop`
// or when the parent goes away.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { WALL_SETTINGS, type Walls } from '../src/tenancy/walls.js';

export type ToServer = { type: 'stats' } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'stats'; statements: number; roundTrips: number; requests: number; inFlight: number; rss: number };

function send(message: FromServer) {
  if (process.connected) process.send!(message);
}

const walls = (process.argv[2] ?? 'both') as Walls;
if (!WALL_SETTINGS.includes(walls)) throw new Error(`unknown walls setting ${walls}`);
const config = loadConfig();
let statements = 0;
let roundTrips = 0;
let requests = 0;
let inFlight = 0;
const db = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  pool: config.pool,
  preparedStatements: config.preparedStatements,
  onStatement: (_sql, count) => {
    statements += count;
    roundTrips++;
  },
});
const yoga = createServer({ config, db, logger: createLogger(config), walls });
const server = createHttpServer((req, res) => {
  requests++;
  inFlight++;
  // Settles when yoga is done with the request, even if the client went away.
  void Promise.resolve(yoga(req, res)).finally(() => inFlight--);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  // Requests whose client went away still run: closing the pool under them fails them.
  for (let waited = 0; inFlight > 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  try {
    await db.close();
  } finally {
    process.exit(0);
  }
}

process.on('message', (message: ToServer) => {
  if (message.type === 'stats') {
    send({ type: 'stats', statements, roundTrips, requests, inFlight, rss: process.memoryUsage.rss() });
  } else void stop();
});
process.on('disconnect', () => void stop());

server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
