// Errors a caller can act on: top-level GraphQL errors with extensions.code
// (contract.graphql, "Errors"). Anything else is a bug and stays masked.
import { GraphQLError } from 'graphql';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'RATE_LIMITED';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, BAD_USER_INPUT: 400 };

export function apiError(code: ErrorCode, message: string, options: { wholeRequest?: boolean } = {}) {
  const status = options.wholeRequest ? HTTP_STATUS[code] : undefined;
  return new GraphQLError(message, { extensions: { code, ...(status ? { http: { status } } : {}) } });
}

export const NO_ORG_SELECTED =
  'No organization selected: send the X-Organization header with its slug, call /orgs/<slug>/graphql, or use setActiveOrganization.';
