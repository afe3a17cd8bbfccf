// The request context: built once per request, read-only to resolvers.
// Stage 1 (yoga's context factory, no database): the request id, the
// credential and the org selectors. Stage 2 (tenancy/session-plugin.ts): the
// tenant session opened for them, which resolvers reach as `ctx.session`; the
// credential stays behind.
import type { Logger } from 'pino';
import type { Credential } from './auth/credentials.js';
import type { Config } from './config.js';
import type { Limits } from './limits.js';
import type { Mailer } from './mail/mailer.js';
import type { Loaders } from './schema/loading/loaders.js';
import type { TenantSession } from './tenancy/session.js';

/** What resolvers need beyond the database, the same for every request. */
export interface Services {
  readonly mailer: Mailer;
  /** The link an invitation email carries for `token`. */
  readonly acceptLink: (token: string) => string;
  readonly invitations: Config['invitations'];
  readonly limits: Limits;
}

/** What yoga's context factory knows before any database work. */
export interface RequestInfo {
  readonly requestId: string;
  readonly log: Logger;
  readonly credential: Credential;
  /** The slug every explicit selector (header, path, subdomain) agrees on, or null. */
  readonly selectedSlug: string | null;
  /** The Idempotency-Key header, validated (src/idempotency.ts). */
  readonly idempotencyKey: string | null;
}

export interface Context {
  readonly requestId: string;
  readonly log: Logger;
  readonly services: Services;
  readonly session: TenantSession;
  /** This request's batched loaders (schema/loading). */
  readonly loaders: Loaders;
}
