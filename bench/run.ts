// npm run bench [-- --duration 10 --warmup 3 --connections 16 --json FILE]
// Seeds its own database (PostgreSQL next to DATABASE_URL, else PGlite in a temp
// dir), then loads a nested org-scoped query on the server as built
// (TENANCY_WALLS=both) and on the same server with the walls off (none), each
// in a child process, and prints requests/s, latency, SQL statements per
// request and the ratio. Everything it creates is removed, even on failure.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TenancyWalls } from '../src/config.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { signUserToken } from '../src/auth/jwt.js';
import { openDatabase } from '../src/db/database.js';
import { createBenchDatabase, type BenchDatabase } from './database.js';
import { runLoad, verify, type Caller } from './load.js';
import { seed, type SeedShape } from './seed.js';
import type { FromServer, ToServer } from './server.js';

const SHAPE: SeedShape = { orgs: 20, membersPerOrg: 50, projectsPerOrg: 50, tasksPerProject: 20 };
/** Callers per org: each is verified once before the load (see verify). */
const CALLERS_PER_ORG = 5;
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Measurement {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  sql_per_request: number;
  /** Round trips to the database per request: a prelude rides with BEGIN. */
  round_trips_per_request: number;
}

// Cleanups run once, newest first: on success, on failure, and on Ctrl-C.
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('cleanup failed:', error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}

// Both servers run NODE_ENV=development, which TENANCY_WALLS=none requires, and send no mail.
const BASE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  TENANCY_WALLS: 'both',
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  MAILER: process.env.MAILER || 'none',
};

/** The environment of a server (and of the parent's config) on the bench database. */
function benchEnv(db: BenchDatabase, walls: TenancyWalls): NodeJS.ProcessEnv {
  return { ...BASE_ENV, TENANCY_WALLS: walls, DATABASE_URL: db.url ?? '', DATA_DIR: db.dataDir ?? '' };
}

interface ServerProcess {
  url: string;
  /** The counters once no request is running and no statement is being sent. */
  settledStats(): Promise<{ statements: number; roundTrips: number; requests: number }>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), {
    cwd: PROJECT_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    if (child.connected) child.send({ type: 'stop' } satisfies ToServer);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    child.once('message', (message: FromServer) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message.port);
      else reject(new Error(`unexpected message ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${signal ?? code}) before listening`));
    });
  });
  const stats = async () => {
    const reply = once(child, 'message') as Promise<[FromServer]>;
    child.send({ type: 'stats' } satisfies ToServer);
    const [message] = await reply;
    if (message.type !== 'stats') throw new Error(`unexpected message ${JSON.stringify(message)}`);
    return message;
  };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    // autocannon drops its connections at the end, not the server's work on them:
    // counting only once that is done attributes every statement to its request.
    async settledStats() {
      let last = await stats();
      for (let polls = 0; polls < 200; polls++) {
        await sleep(50);
        const now = await stats();
        if (now.inFlight === 0 && now.statements === last.statements) return now;
        last = now;
      }
      throw new Error('the server did not settle within 10 s after the load');
    },
    stop,
  };
}

async function measure(
  label: string,
  env: NodeJS.ProcessEnv,
  callers: Caller[],
  options: { connections: number; duration: number; warmup: number },
): Promise<Measurement> {
  const server = await startServer(env);
  try {
    await verify(server.url, callers);
    console.log(`${label}: answers verified; warming up ${options.warmup} s`);
    await runLoad(server.url, callers, { connections: options.connections, duration: options.warmup });
    console.log(`${label}: measuring ${options.duration} s at ${options.connections} connections`);
    const before = await server.settledStats();
    const result = await runLoad(server.url, callers, { connections: options.connections, duration: options.duration });
    const after = await server.settledStats();
    return {
      rps: round(result.requests.total / result.duration, 1),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      sql_per_request: round((after.statements - before.statements) / (after.requests - before.requests), 2),
      round_trips_per_request: round((after.roundTrips - before.roundTrips) / (after.requests - before.requests), 2),
    };
  } finally {
    await server.stop();
  }
}

function round(value: number, digits: number) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      json: { type: 'string' },
      // To see what each wall costs alone: --walls app-only or rls-only (default both).
      walls: { type: 'string', default: 'both' },
    },
  });
  const walls = values.walls as TenancyWalls;
  if (!['both', 'app-only', 'rls-only'].includes(walls)) throw new Error('--walls must be both, app-only or rls-only');
  const options = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
  };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  }

  const serverUrl = loadConfig(BASE_ENV).databaseUrl; // also fails early on a wrong configuration
  const benchDb = await createBenchDatabase(serverUrl);
  cleanups.push(() => benchDb.drop());
  console.log(`database: ${benchDb.description}`);

  const db = await openDatabase({ url: benchDb.url, dataDir: benchDb.dataDir, poolSize: 1 });
  let orgs;
  try {
    await db.migrate();
    const tty = process.stdout.isTTY;
    orgs = await seed(db.prisma, SHAPE, (done, total) => {
      const line = `seeding: ${done}/${total} orgs, ${done * SHAPE.membersPerOrg} members, ${done * SHAPE.projectsPerOrg} projects, ${done * SHAPE.projectsPerOrg * SHAPE.tasksPerProject} tasks`;
      if (tty) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
      else if (done % 5 === 0 || done === total) console.log(line);
    });
  } finally {
    await db.close(); // PGlite: the servers open this data directory after us
  }

  const config = loadConfig(benchEnv(benchDb, 'both'));
  const callers: Caller[] = [];
  for (let i = 0; i < CALLERS_PER_ORG; i++) {
    for (const org of orgs) {
      const member = org.members[i]!;
      callers.push({ org, token: await signUserToken(config.jwt, { email: member.email, name: member.name }) });
    }
  }

  // One server at a time: PGlite's data directory has one owner, and the two share the cores.
  const built = await measure(`built (TENANCY_WALLS=${walls})`, benchEnv(benchDb, walls), callers, options);
  const unscoped = await measure('unscoped (TENANCY_WALLS=none)', benchEnv(benchDb, 'none'), callers, options);
  const ratio = round(built.rps / unscoped.rps, 3);

  console.log(
    `\n${benchDb.url ? 'PostgreSQL' : 'PGlite'}, ${options.connections} connections, ${options.duration} s each`,
  );
  console.table({ built, unscoped });
  console.log(`ratio (rps built / rps walls off): ${ratio}`);
  if (values.json) {
    // npm runs scripts in the project root; the path is relative to where npm was called.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), values.json);
    await writeFile(file, `${JSON.stringify({ built, unscoped, ratio }, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
