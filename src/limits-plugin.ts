// Where each request limit (src/limits.ts) is taken, in request order:
//  1. a credential from a client address refused for failed authentications:
//     429 before anything else;
//  2. the credential read (context factory): a signed-in user's limit (the token
//     is verified, so the user is known without the database); no credential:
//     the client address's anonymous limit;
//  3. the tenant session opened: an API key's limit, only once its secret
//     matched (a wrong secret never spends a real key's requests), then the
//     active organization's (a user's membership proven);
//  4. the response: a 401 counts against the client address.
// Responses carry RateLimit-Limit/-Remaining/-Reset for the caller's own
// limit (the key's, else the user's).
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { accessRecord } from './access-log.js';
import type { Credential } from './auth/credentials.js';
import { rateLimited } from './errors.js';
import { RateLimited, type LimitState, type Limits } from './limits.js';
import type { TenantSession } from './tenancy/session.js';

/**
 * The client's address: the socket's, or with `trustProxy` hops of proxies
 * in front, the address the outermost of them saw (X-Forwarded-For from the right).
 */
function clientAddress(request: Request, serverContext: object, trustProxy: number): string {
  const socket = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return socket;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[Math.max(0, forwarded.length - trustProxy)] ?? socket;
}

const MESSAGES = {
  apiKey: 'This API key is over its request limit.',
  user: 'You are over your request limit.',
  org: 'This organization is over its request limit.',
  anonymous: 'Too many requests without credentials from this address.',
  authFailures: 'Too many failed authentications from this address.',
} as const;

function refuse(error: unknown): never {
  if (error instanceof RateLimited && error.limit in MESSAGES) {
    throw rateLimited(error, `${MESSAGES[error.limit as keyof typeof MESSAGES]} Retry after ${error.retryAfter} s.`, {
      wholeRequest: true,
    });
  }
  throw error;
}

function remember(serverContext: object, state: LimitState) {
  accessRecord(serverContext).limit = state;
}

/** Step 2: the caller as the credential shows it. */
export async function admitCredential(limits: Limits, credential: Credential, serverContext: object): Promise<void> {
  try {
    if (credential.kind === 'user') {
      remember(serverContext, await limits.take('user', `${credential.claims.issuer}|${credential.claims.subject}`));
    } else if (credential.kind === 'none') {
      await limits.take('anonymous', accessRecord(serverContext).client ?? 'unknown');
    }
  } catch (error) {
    refuse(error);
  }
}

/** Step 3: the caller as the database proved it. */
export async function admitSession(limits: Limits, session: TenantSession, serverContext: object): Promise<void> {
  try {
    if (session.apiKey) remember(serverContext, await limits.take('apiKey', session.apiKey.id, session.apiKey.rate));
    if (session.org) await limits.take('org', session.org.id);
  } catch (error) {
    refuse(error);
  }
}

/** Steps 1 and 4, and the headers. */
export function useRequestLimits(limits: Limits, trustProxy: number): Plugin {
  return {
    async onRequest({ request, serverContext, endResponse, fetchAPI }) {
      const record = accessRecord(serverContext ?? {});
      record.client = clientAddress(request, serverContext ?? {}, trustProxy);
      // Only a request with a credential can fail to authenticate.
      if (!request.headers.has('authorization') && !request.headers.has('x-api-key')) return;
      const wait = await limits.authFailureWait(record.client);
      if (wait === null) return;
      record.codes.add('RATE_LIMITED');
      const error = {
        message: `${MESSAGES.authFailures} Retry after ${wait} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfter: wait },
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error] }), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(wait) },
        }),
      );
    },
    async onResponse({ serverContext, response }) {
      const record = accessRecord(serverContext ?? {});
      if (response.status === 401 && record.client) await limits.authFailed(record.client);
      const state = record.limit;
      if (state && !response.headers.has('ratelimit-limit')) {
        response.headers.set('RateLimit-Limit', String(state.limit));
        response.headers.set('RateLimit-Remaining', String(state.remaining));
        response.headers.set('RateLimit-Reset', String(state.reset));
      }
    },
  };
}
