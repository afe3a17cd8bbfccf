// Errors a caller can act on: top-level GraphQL errors with extensions.code
// (contract.graphql, "Errors"). Anything else is a bug and stays masked.
import { GraphQLError } from 'graphql';
import type { ERROR_CODES } from './error-codes.js';
import type { RateLimited } from './limits.js';

/** The codes of ours (the rest of src/error-codes.ts come from yoga, graphql-armor and plugin-complexity). */
type ErrorCode = Extract<
  keyof typeof ERROR_CODES,
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE'
>;

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

export function apiError(code: ErrorCode, message: string, options: { wholeRequest?: boolean } = {}) {
  const status = options.wholeRequest ? HTTP_STATUS[code] : undefined;
  return new GraphQLError(message, { extensions: { code, ...(status ? { http: { status } } : {}) } });
}

/** Seconds a client waits before retrying a request the service was too busy for. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The whole request could not be served in time (no connection before its
 * deadline, a statement or lock wait timed out, the database unreachable):
 * HTTP 503 with Retry-After, nothing of it written.
 */
export function serviceUnavailable() {
  return new GraphQLError('The service is busy or its database unreachable; nothing was changed. Retry shortly.', {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    },
  });
}

export const NO_ORG_SELECTED =
  'No organization selected: send the X-Organization header with its slug, call /orgs/<slug>/graphql, or use setActiveOrganization.';

/**
 * Over a limit (src/limits.ts): RATE_LIMITED with the seconds to wait in
 * extensions.retryAfter. For the whole request (the request limits) also HTTP
 * 429 with Retry-After; a mutation's own limit (invitations) fails that field.
 */
export function rateLimited(refused: RateLimited, message: string, options: { wholeRequest?: boolean } = {}) {
  const retry = String(refused.retryAfter);
  return new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: refused.retryAfter,
      ...(options.wholeRequest
        ? {
            http: {
              status: 429,
              headers: {
                'Retry-After': retry,
                'RateLimit-Limit': String(refused.allowed),
                'RateLimit-Remaining': '0',
                'RateLimit-Reset': retry,
              },
            },
          }
        : {}),
    },
  });
}
