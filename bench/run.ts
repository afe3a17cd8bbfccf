// npm run bench [-- --duration 10 --warmup 3 --connections 16 --walls both --soak 300 --json FILE]
// Seeds its own database (PostgreSQL next to DATABASE_URL, else PGlite in a temp
// dir): 20 orgs of 50 members, 50 projects and 20 tasks each, and one big
// tenant (2,000 projects, the newest holding 100,000 tasks). Then, one server
// process at a time (bench/server.ts, bundled as npm run build bundles the
// server and run with npm start's flags), over HTTP, the nested org-scoped query
// organization → projects(20) → tasks(20) → assignee:
//  1. isolation's price: the server as built (both walls, or --walls one alone)
//     against the same server with both walls off, requests/s, p50, p99, SQL
//     statements and round trips per request, and the ratio;
//  2. a page's price is the page's: the big tenant and the normal orgs under
//     load at the same time, each one's p50, and statements per request of each;
//  3. with --soak S: S seconds at 64 connections, the server's RSS sampled.
// Everything it creates is removed, even on failure.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/build.mjs';
import { signUserToken } from '../src/auth/jwt.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { Walls } from '../src/tenancy/walls.js';
import { createBenchDatabase, type BenchDatabase } from './database.js';
import { runLoad, verify, type Caller } from './load.js';
import { seed, seedBigTenant, type BigTenantShape, type SeedShape } from './seed.js';
import type { FromServer, ToServer } from './server.js';

const SHAPE: SeedShape = { orgs: 20, membersPerOrg: 50, projectsPerOrg: 50, tasksPerProject: 20 };
const BIG: BigTenantShape = { members: 50, projects: 2_000, tasksPerProject: 20, tasksInFirstProject: 100_000 };
/** Callers per org: each is verified once before the load (see verify). */
const CALLERS_PER_ORG = 5;
const SOAK_CONNECTIONS = 64;
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Measurement {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  sql_per_request: number;
  /** Round trips to the database per request: the tenant prelude rides with BEGIN. */
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

// Servers run as in production and send no mail.
const BASE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  MAILER: process.env.MAILER || 'none',
};

/** The environment of a server (and of the parent's config) on the bench database. */
function benchEnv(db: BenchDatabase): NodeJS.ProcessEnv {
  return { ...BASE_ENV, DATABASE_URL: db.url ?? '', DATA_DIR: db.dataDir ?? '' };
}

type Stats = Extract<FromServer, { type: 'stats' }>;

interface ServerProcess {
  url: string;
  stats(): Promise<Stats>;
  /** The counters once no request is running and no statement is being sent. */
  settledStats(): Promise<Stats>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The V8 flags `npm start` runs the server with (package.json), so that memory is measured as deployed. */
async function startFlags(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const flags = /\bnode ((?:--\S+ )*)scripts\/start\.mjs/.exec(scripts.start)?.[1];
  if (flags === undefined) throw new Error('package.json: start no longer runs node [flags] scripts/start.mjs');
  return flags.trim().split(/\s+/).filter(Boolean);
}

/** bench/server.ts bundled as `npm run build` bundles the server, so that it runs as deployed. */
let bundled: Promise<string> | null = null;
function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = resolve(PROJECT_ROOT, 'dist/bench-server.js');
    await build({ ...bundleOptions, entryPoints: [resolve(PROJECT_ROOT, 'bench/server.ts')], outfile });
    return outfile;
  })();
  return bundled;
}

/** A server process (built, with npm start's flags); the walls come as its argument, never through the environment. */
async function startServer(env: NodeJS.ProcessEnv, walls: Walls): Promise<ServerProcess> {
  const child: ChildProcess = fork(await serverBundle(), [walls], {
    cwd: PROJECT_ROOT,
    env,
    execArgv: await startFlags(),
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
    stats,
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

function round(value: number, digits: number) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function perRequest(before: Stats, after: Stats) {
  const requests = after.requests - before.requests;
  return {
    sql_per_request: round((after.statements - before.statements) / requests, 2),
    round_trips_per_request: round((after.roundTrips - before.roundTrips) / requests, 2),
  };
}

function measurement(result: autocannon.Result, before: Stats, after: Stats): Measurement {
  return {
    rps: round(result.requests.total / result.duration, 1),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    ...perRequest(before, after),
  };
}

interface Options {
  connections: number;
  duration: number;
  warmup: number;
}

async function withServer<T>(env: NodeJS.ProcessEnv, walls: Walls, fn: (server: ServerProcess) => Promise<T>) {
  const server = await startServer(env, walls);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** Isolation's price: the nested query on one server, under load. */
function measureNested(label: string, env: NodeJS.ProcessEnv, walls: Walls, callers: Caller[], options: Options) {
  return withServer(env, walls, async (server) => {
    await verify(server.url, callers);
    console.log(`${label}: answers verified; warming up ${options.warmup} s`);
    await runLoad(server.url, callers, { connections: options.connections, duration: options.warmup });
    console.log(`${label}: measuring ${options.duration} s at ${options.connections} connections`);
    const before = await server.settledStats();
    const result = await runLoad(server.url, callers, { connections: options.connections, duration: options.duration });
    return measurement(result, before, await server.settledStats());
  });
}

/**
 * A page's price is the page's: statements per request of each kind of org,
 * counted one request at a time, then both kinds under load at once. The big
 * tenant is one org against twenty: here it may use the whole pool (its share
 * would otherwise queue it, which is the share's job, not the page's price).
 */
function measureBigTenant(env: NodeJS.ProcessEnv, big: Caller[], normal: Caller[], options: Options) {
  const unshared = { ...env, POOL_MAX_PER_TENANT: env.DATABASE_POOL_SIZE ?? '10' };
  return withServer(unshared, 'both', async (server) => {
    await verify(server.url, [...big, ...normal]);
    const statements = async (callers: Caller[]) => {
      const before = await server.settledStats();
      await runLoad(server.url, callers, { connections: 1, amount: callers.length * 4 });
      return perRequest(before, await server.settledStats());
    };
    const bigStatements = await statements(big);
    const normalStatements = await statements(normal);
    const half = Math.max(1, Math.floor(options.connections / 2));
    console.log(
      `big tenant: warming up, then ${options.duration} s of it and of the others at ${half} connections each`,
    );
    await Promise.all([
      runLoad(server.url, big, { connections: half, duration: options.warmup }),
      runLoad(server.url, normal, { connections: half, duration: options.warmup }),
    ]);
    const [bigLoad, normalLoad] = await Promise.all([
      runLoad(server.url, big, { connections: half, duration: options.duration }),
      runLoad(server.url, normal, { connections: half, duration: options.duration }),
    ]);
    const row = (result: autocannon.Result, counts: ReturnType<typeof perRequest>) => ({
      rps: round(result.requests.total / result.duration, 1),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      ...counts,
    });
    return { big: row(bigLoad, bigStatements), normal: row(normalLoad, normalStatements) };
  });
}

/** Memory over a long load: RSS sampled every 5 s. */
function soak(env: NodeJS.ProcessEnv, callers: Caller[], seconds: number) {
  return withServer(env, 'both', async (server) => {
    await verify(server.url, callers.slice(0, 20));
    console.log(`soak: ${seconds} s at ${SOAK_CONNECTIONS} connections`);
    const samples: { t: number; rss_mb: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      void server
        .stats()
        .then((s) => samples.push({ t: (Date.now() - started) / 1000, rss_mb: round(s.rss / 2 ** 20, 1) }));
    }, 5_000);
    try {
      const result = await runLoad(server.url, callers, { connections: SOAK_CONNECTIONS, duration: seconds });
      const lastThreeMinutes = samples.filter((s) => s.t >= seconds - 180);
      const rss = samples.map((s) => s.rss_mb);
      return {
        rps: round(result.requests.total / result.duration, 1),
        rss_max_mb: Math.max(...rss),
        rss_last_mb: rss.at(-1),
        rss_growth_last_3_min_mb: round((lastThreeMinutes.at(-1)?.rss_mb ?? 0) - (lastThreeMinutes[0]?.rss_mb ?? 0), 1),
        samples,
      };
    } finally {
      clearInterval(sampler);
    }
  });
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
      soak: { type: 'string', default: '0' },
    },
  });
  const walls = values.walls as Walls;
  if (!['both', 'app-only', 'rls-only'].includes(walls)) throw new Error('--walls must be both, app-only or rls-only');
  const options = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
  };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  }
  const soakSeconds = Number(values.soak);
  if (!Number.isInteger(soakSeconds) || soakSeconds < 0) throw new Error('--soak must be a number of seconds');

  const serverUrl = loadConfig(BASE_ENV).databaseUrl; // also fails early on a wrong configuration
  const benchDb = await createBenchDatabase(serverUrl);
  cleanups.push(() => benchDb.drop());
  console.log(`database: ${benchDb.description}`);

  const db = await openDatabase({ url: benchDb.url, dataDir: benchDb.dataDir, pool: { size: 1 } });
  let orgs;
  let bigOrg;
  try {
    await db.migrate();
    const tty = process.stdout.isTTY;
    orgs = await seed(db.prisma, SHAPE, (done, total) => {
      const line = `seeding: ${done}/${total} orgs, ${done * SHAPE.membersPerOrg} members, ${done * SHAPE.projectsPerOrg} projects, ${done * SHAPE.projectsPerOrg * SHAPE.tasksPerProject} tasks`;
      if (tty) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
      else if (done % 5 === 0 || done === total) console.log(line);
    });
    console.log(`seeding the big tenant: ${BIG.projects} projects, ${BIG.tasksInFirstProject} tasks in the first`);
    bigOrg = await seedBigTenant(db.prisma, BIG);
    // Settle statistics and the visibility map, so plans are the steady ones and counts index-only.
    if (benchDb.url) await db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
  } finally {
    await db.close(); // PGlite: the servers open this data directory after us
  }

  const config = loadConfig(benchEnv(benchDb));
  const callersOf = async (org: (typeof orgs)[number], count: number) => {
    const callers: Caller[] = [];
    for (const member of org.members.slice(0, count)) {
      callers.push({ org, token: await signUserToken(config.jwt, { email: member.email, name: member.name }) });
    }
    return callers;
  };
  const callers: Caller[] = [];
  for (let i = 0; i < CALLERS_PER_ORG; i++) {
    for (const org of orgs) callers.push((await callersOf(org, CALLERS_PER_ORG))[i]!);
  }
  const bigCallers = await callersOf(bigOrg, CALLERS_PER_ORG);

  // One server at a time: PGlite's data directory has one owner, and they share the cores.
  const env = benchEnv(benchDb);
  const built = await measureNested(`built (walls: ${walls})`, env, walls, callers, options);
  const unscoped = await measureNested('walls off', env, 'none', callers, options);
  const ratio = round(built.rps / unscoped.rps, 3);
  const bigTenant = await measureBigTenant(env, bigCallers, callers, options);
  const bigRatio = round(bigTenant.big.p50_ms / bigTenant.normal.p50_ms, 2);
  const soakResult = soakSeconds ? await soak(env, callers, soakSeconds) : null;

  console.log(
    `\n${benchDb.url ? 'PostgreSQL' : 'PGlite'}, ${options.connections} connections, ${options.duration} s each`,
  );
  console.table({ built, 'walls off': unscoped });
  console.log(`ratio (rps built / rps walls off): ${ratio}`);
  console.table({ 'big tenant': bigTenant.big, 'normal orgs': bigTenant.normal });
  console.log(`big tenant p50 / normal p50 (same run): ${bigRatio}`);
  if (soakResult) {
    const { samples: _samples, ...summary } = soakResult;
    console.log(`soak, ${soakSeconds} s at ${SOAK_CONNECTIONS} connections:`, summary);
  }
  if (values.json) {
    // npm runs scripts in the project root; the path is relative to where npm was called.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), values.json);
    const report = { built, unscoped, ratio, bigTenant, bigRatio, soak: soakResult };
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
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
