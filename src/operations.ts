// Endpoints for operators, answered before anything else and neither logged
// nor counted:
//  - /health: the process is alive (200, empty; yoga's own health check).
//  - /ready: 200 when the database answers as the tenant role with every
//    migration this code knows applied, else 503; 503 while draining on
//    SIGTERM. Redis is reported in the body but never makes it 503: every
//    process shares one Redis, and the limits fall back to memory without it.
//  - /metrics: Prometheus text for a request with `Authorization: Bearer
//    <METRICS_TOKEN>`, 401 without it; 404 when METRICS_TOKEN is unset.
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { RequestConnections } from './db/request-connections.js';
import { listMigrations } from './db/migrate.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import { TENANT_ROLE } from './tenancy/org-scope.js';

export interface Lifecycle {
  /** Set on SIGTERM: /ready answers 503 while in-flight requests finish. */
  draining: boolean;
  /** Where the server listens (http://host:port), once it does. */
  url?: string;
}

const READY_TIMEOUT_MS = 2_000;

const PATHS = new Set(['/health', '/ready', '/metrics']);

/** Whether a request is for one of these endpoints (the access log and the metrics leave them out). */
export function isOperationsRequest(request: Request): boolean {
  return PATHS.has(new URL(request.url).pathname);
}

/**
 * What keeps the database from serving requests: missing migrations, the
 * tenant role, or no answer at all. The details go to the log, not the body.
 */
async function databaseProblems(
  connections: RequestConnections,
  known: readonly string[],
  log: Logger,
): Promise<string[]> {
  try {
    const { result } = await connections.transaction(
      { tenant: 'operations:ready', deadline: Date.now() + READY_TIMEOUT_MS },
      `SELECT set_config('statement_timeout', '${READY_TIMEOUT_MS}', true);
       SELECT coalesce(array_agg(migration_name::text), '{}') AS applied FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      async (conn, rows) => {
        const applied = new Set((rows[0]?.applied as string[] | undefined) ?? []);
        const pending = known.filter((name) => !applied.has(name));
        if (pending.length) return [`migrations not applied (run npm run db:migrate): ${pending.join(', ')}`];
        await conn.script(`SET LOCAL ROLE ${TENANT_ROLE}; SELECT 1 FROM organizations LIMIT 1`);
        return [];
      },
    );
    return result;
  } catch (error) {
    log.warn({ reason: (error as Error).message }, 'not ready: the database does not answer');
    return ['database: not answering as the tenant role (the server log says why)'];
  }
}

/** One check at a time, its answer shared for a second: probes and floods cost the database little. */
function sharedCheck(check: () => Promise<string[]>): () => Promise<string[]> {
  let last: { at: number; answer: Promise<string[]> } | null = null;
  return () => {
    if (!last || performance.now() - last.at > 1_000) last = { at: performance.now(), answer: check() };
    return last.answer;
  };
}

function sameToken(given: string | null, token: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${token}`);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function useOperationsEndpoints(deps: {
  connections: RequestConnections;
  limits: Limits;
  metrics: Metrics | null;
  metricsToken: string | null;
  lifecycle: Lifecycle;
  log: Logger;
}): Plugin {
  const migrations = listMigrations().map((m) => m.name);
  const databaseCheck = sharedCheck(() => databaseProblems(deps.connections, migrations, deps.log));
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const json = (status: number, body: object) =>
        new fetchAPI.Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        });
      const path = url.pathname;
      if (path === '/ready') {
        const problems = deps.lifecycle.draining ? ['draining: the server is shutting down'] : [];
        if (!problems.length) problems.push(...(await databaseCheck()));
        return endResponse(
          json(problems.length ? 503 : 200, {
            status: problems.length ? 'unavailable' : 'ready',
            problems,
            redis: deps.limits.redis,
          }),
        );
      }
      if (path !== '/metrics') return;
      const { metrics, metricsToken } = deps;
      if (!metrics || !metricsToken) return endResponse(json(404, { error: 'metrics are off (set METRICS_TOKEN)' }));
      if (!sameToken(request.headers.get('authorization'), metricsToken)) {
        return endResponse(json(401, { error: 'send Authorization: Bearer <METRICS_TOKEN>' }));
      }
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), {
          headers: { 'content-type': metrics.registry.contentType },
        }),
      );
    },
  };
}
