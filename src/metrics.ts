// Prometheus metrics (prom-client), served at /metrics only when METRICS_TOKEN
// is set and only to a request bearing it (src/operations.ts): request counts
// and durations by operation type and HTTP status, errors by code, rate-limit
// refusals by limit, the request connections in use and the requests waiting
// for one, and the process's own (CPU, memory, event loop, GC).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Plugin } from 'graphql-yoga';
import { accessRecord } from './access-log.js';
import type { RequestConnections } from './db/request-connections.js';
import type { Limits } from './limits.js';

export function createMetrics(connections: RequestConnections, limits: Limits) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'orgraph_' });
  const labelNames = ['operation', 'status'] as const;
  const requests = new Counter({
    name: 'orgraph_requests_total',
    help: 'GraphQL requests answered, by operation type (none: refused before one was read) and HTTP status.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'orgraph_request_duration_seconds',
    help: 'Time from receiving a request to its answer.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'orgraph_errors_total',
    help: 'Errors answered, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'orgraph_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit.',
    labelNames: ['limit'],
    registers: [registry],
  });
  limits.onRefused((limit) => refused.inc({ limit }));
  new Gauge({
    name: 'orgraph_db_pool_connections',
    help: 'Request connections: the pool size, those held by requests, and requests waiting for one.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const usage = connections.usage();
      this.set({ state: 'size' }, usage.size);
      this.set({ state: 'in_use' }, usage.inUse);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });

  const plugin: Plugin = {
    // After the access log's (plugin order), which marks the operations endpoints.
    onResponse({ serverContext, response }) {
      const record = accessRecord(serverContext ?? {});
      if (record.operationsEndpoint) return;
      const labels = { operation: record.operation?.type ?? 'none', status: String(response.status) };
      requests.inc(labels);
      duration.observe(labels, (performance.now() - record.start) / 1000);
      for (const code of record.codes) errors.inc({ code });
    },
  };
  return { registry, plugin };
}

export type Metrics = ReturnType<typeof createMetrics>;
