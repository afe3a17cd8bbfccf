// The request context: built once per request, read-only to resolvers.
// Stage 1 (yoga's context factory, no database): credentials and org selectors.
// Stage 2 (tenancy/request-scope.ts, inside the request transaction): who the
// caller is in the database, the active organization, and the bound client.
import type { Logger } from 'pino';
import type { ApiKeyScope, MembershipRole } from './generated/prisma/enums.js';
import type { UserClaims } from './auth/jwt.js';
import type { Config } from './config.js';
import type { Mailer } from './mail/mailer.js';
import type { RequestDatabase } from './tenancy/scope.js';

/** What resolvers need beyond the database, the same for every request. */
export interface Services {
  readonly mailer: Mailer;
  readonly appUrl: string;
  readonly invitations: Config['invitations'];
}

export type Credential =
  { kind: 'none' } | { kind: 'user'; claims: UserClaims } | { kind: 'apiKey'; publicId: string; secret: string };

export interface RequestInfo {
  readonly requestId: string;
  readonly log: Logger;
  readonly credential: Credential;
  /** The slug every explicit selector (header, path, subdomain) agrees on, or null. */
  readonly selectedSlug: string | null;
  readonly services: Services;
}

export interface ViewerUser {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
}

export interface ViewerApiKey {
  id: string;
  orgId: string;
  scopes: ApiKeyScope[];
}

export interface ActiveOrg {
  id: string;
  slug: string;
  /** The signed-in user's membership; null for an API key. */
  membership: { id: string; role: MembershipRole } | null;
}

export interface Context extends RequestInfo {
  readonly user: ViewerUser | null;
  readonly apiKey: ViewerApiKey | null;
  /** The organization this request acts on; null when none is selected or visible. */
  readonly org: ActiveOrg | null;
  /** Whether the caller selected an org at all (explicitly or as stored). */
  readonly orgSelected: boolean;
  readonly db: RequestDatabase;
}
