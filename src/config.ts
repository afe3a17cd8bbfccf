// All configuration, read and validated once. A wrong variable stops the server
// with a message naming it.
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import type { LimitsConfig } from './limits.js';
import type { RequestTimeouts } from './tenancy/session.js';

const DEV_JWT_SECRET = 'orgraph-development-secret-embedded-database-only';

/** Whether the server listens only where this machine alone can reach it. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.url().optional(),
  DATABASE_ADMIN_URL: z.url().optional(),
  DATA_DIR: z.string().default('./.data'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  JWT_MAX_AGE_SECONDS: z.coerce.number().int().positive().optional(),
  BASE_DOMAIN: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  GRAPHIQL: bool.default(true),
  INTROSPECTION: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(100_000),
  APP_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  MAILER: z.enum(['smtp', 'log', 'none']).optional(),
  MAIL_FROM: z.string().default('Orgraph <no-reply@orgraph.localhost>'),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  POOL_MAX_PER_TENANT: z.coerce.number().int().min(1).optional(),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  LONG_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  INVITE_LIMIT_PER_ORG_PER_HOUR: z.coerce.number().int().positive().default(100),
  INVITE_LIMIT_PER_INVITER_PER_HOUR: z.coerce.number().int().positive().default(50),
  REDIS_URL: z.url().optional(),
  RATE_LIMIT_PREFIX: z.string().default('orgraph'),
  API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  API_KEY_RATE_BURST: z.coerce.number().int().positive().default(100),
  USER_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  USER_RATE_BURST: z.coerce.number().int().positive().default(100),
  ORG_RATE_LIMIT: z.coerce.number().int().positive().default(100),
  ORG_RATE_BURST: z.coerce.number().int().positive().default(500),
  ANONYMOUS_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  ANONYMOUS_RATE_BURST: z.coerce.number().int().positive().default(100),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  TRUST_PROXY: z
    .union([z.enum(['true', 'false']), z.coerce.number().int().min(0).max(10)])
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : v))
    .default(0),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  IDEMPOTENCY_SECRET: z.string().min(32, 'IDEMPOTENCY_SECRET must be at least 32 characters').optional(),
});

/** IDEMPOTENCY_SECRET, else a key of its own derived from JWT_SECRET (never the JWT secret itself). */
function idempotencySecret(given: string | null, jwtSecret: string | null): Buffer | null {
  if (given) return Buffer.from(given);
  if (!jwtSecret) return null;
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'orgraph', 'idempotency secret', 32));
}

/** RATE and BURST of one limit, the burst never below the rate. */
function rate(e: Record<string, unknown>, name: string) {
  const perSecond = e[`${name}_RATE_LIMIT`] as number;
  const burst = e[`${name}_RATE_BURST`] as number;
  if (burst < perSecond) throw new ConfigError(`${name}_RATE_BURST must be at least ${name}_RATE_LIMIT.`);
  return { perSecond, burst };
}

export interface Config {
  env: string;
  port: number;
  host: string;
  /** null: the embedded PGlite database under dataDir. */
  databaseUrl: string | null;
  /** Owner role for migrations; defaults to databaseUrl. */
  databaseAdminUrl: string | null;
  dataDir: string;
  jwt: {
    secret: string | null;
    jwksUrl: string | null;
    issuer?: string;
    audience?: string;
    maxAgeSeconds?: number;
    /** The public development secret is in use (embedded, loopback, not production). */
    development?: boolean;
  };
  baseDomain: string | null;
  corsOrigins: string[] | null;
  graphiql: boolean;
  introspection: boolean;
  logLevel: string;
  maxBodyBytes: number;
  /** Where accept links point: `${appUrl}/invitations/accept?token=…`; null: this server's own address. */
  appUrl: string | null;
  mail: { transport: 'smtp' | 'log' | 'none'; smtpUrl: string | null; from: string };
  invitations: { ttlHours: number };
  limits: LimitsConfig;
  /** Proxies in front of the server whose X-Forwarded-For is believed (0: the socket's address). */
  trustProxy: number;
  /** /metrics answers a request bearing this token; null: /metrics is off. */
  metricsToken: string | null;
  /** Keys Idempotency-Key answers that hold a secret (src/idempotency.ts); null: such secrets are not replayed. */
  idempotencySecret: Buffer | null;
  /** Request connections of this process, and one tenant's share of them (default: half). */
  pool: { size: number; perTenant?: number };
  /** Named prepared statements; false behind a pooler in transaction mode without them (PgBouncer < 1.21). */
  preparedStatements: boolean;
  timeouts: RequestTimeouts;
}

export class ConfigError extends Error {}

function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  // Empty variables count as unset, as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** Only what `npm run db:migrate` needs: which database, as which role. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parseEnv(EnvSchema.pick({ DATABASE_URL: true, DATABASE_ADMIN_URL: true, DATA_DIR: true }), env);
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    databaseAdminUrl: e.DATABASE_ADMIN_URL ?? e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(EnvSchema, env);
  const embedded = !e.DATABASE_URL;
  // The development secret is public (it is in the source): only for the
  // embedded database, on a loopback address, outside production.
  if (!e.JWT_SECRET && !e.JWKS_URL && (!embedded || e.NODE_ENV === 'production' || !isLoopback(e.HOST))) {
    throw new ConfigError(
      'JWT_SECRET or JWKS_URL is required: the built-in development secret is public, and only accepted on the embedded database, listening on a loopback address, outside NODE_ENV=production.',
    );
  }
  if (e.JWKS_URL && (!e.JWT_ISSUER || !e.JWT_AUDIENCE)) {
    throw new ConfigError(
      'JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: without them, tokens your identity provider issued to other apps would be accepted.',
    );
  }
  const mailer = e.MAILER ?? (e.SMTP_URL ? 'smtp' : embedded ? 'log' : null);
  if (!mailer) {
    throw new ConfigError(
      'SMTP_URL is required with DATABASE_URL to send invitation emails (or set MAILER=none: invitations are then accepted from viewer.pendingInvitations).',
    );
  }
  if (mailer === 'smtp' && !e.SMTP_URL) throw new ConfigError('MAILER=smtp needs SMTP_URL.');
  if (mailer === 'smtp' && !e.APP_URL) {
    throw new ConfigError(
      "APP_URL is required with SMTP_URL: invitation emails link to $APP_URL/invitations/accept?token=…, your front end's page.",
    );
  }
  if (mailer === 'log' && !embedded) {
    throw new ConfigError('MAILER=log prints invitation links to the log: only for the embedded database.');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseAdminUrl: e.DATABASE_ADMIN_URL ?? e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    jwt: {
      secret: e.JWT_SECRET ?? (e.JWKS_URL ? null : DEV_JWT_SECRET),
      jwksUrl: e.JWKS_URL ?? null,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      maxAgeSeconds: e.JWT_MAX_AGE_SECONDS,
      development: !e.JWT_SECRET && !e.JWKS_URL,
    },
    baseDomain: e.BASE_DOMAIN?.toLowerCase() ?? null,
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : null,
    graphiql: e.GRAPHIQL,
    introspection: e.INTROSPECTION,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    appUrl: e.APP_URL?.replace(/\/+$/, '') ?? null,
    mail: { transport: mailer, smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    pool: { size: e.DATABASE_POOL_SIZE, perTenant: e.POOL_MAX_PER_TENANT },
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    timeouts: {
      statementMs: e.STATEMENT_TIMEOUT_MS,
      lockMs: e.LOCK_TIMEOUT_MS,
      requestMs: e.REQUEST_TIMEOUT_MS,
      longRequestMs: e.LONG_REQUEST_TIMEOUT_MS,
    },
    invitations: { ttlHours: e.INVITATION_TTL_HOURS },
    limits: {
      redisUrl: e.REDIS_URL ?? null,
      prefix: e.RATE_LIMIT_PREFIX,
      apiKey: rate(e, 'API_KEY'),
      user: rate(e, 'USER'),
      org: rate(e, 'ORG'),
      anonymous: rate(e, 'ANONYMOUS'),
      authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
      invitations: {
        perOrgPerHour: e.INVITE_LIMIT_PER_ORG_PER_HOUR,
        perInviterPerHour: e.INVITE_LIMIT_PER_INVITER_PER_HOUR,
      },
    },
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN ?? null,
    idempotencySecret: idempotencySecret(
      e.IDEMPOTENCY_SECRET ?? null,
      e.JWT_SECRET ?? (e.JWKS_URL ? null : DEV_JWT_SECRET),
    ),
  };
}
