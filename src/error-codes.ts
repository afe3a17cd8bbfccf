// Every code a caller can meet, with what it means and what to do: the
// top-level `extensions.code` of a GraphQL error, and a payload's
// `UserError.code`. The schema's descriptions and the README's tables list
// these; test/error-codes.test.ts fails when a response carries a code that is
// not here, and userError() accepts no other.

/** Top-level errors: the request, or a field, was refused (HTTP status where the whole request was). */
export const ERROR_CODES = {
  UNAUTHENTICATED:
    '401 when a credential was sent but is malformed, invalid, expired, revoked or rotated out (the message says which); a field that needs a credential sent none. Send a valid token or API key.',
  FORBIDDEN:
    "Visible to you, but your role or your key's scopes don't allow it (a member inviting an admin, a READ key writing). Ask an admin, or use a key with the scope.",
  NOT_FOUND:
    "Not visible to you: missing, or another organization's (the two are never told apart). Check the id and the organization you selected.",
  BAD_USER_INPUT:
    'A malformed request: a bad id, page size over 100, conflicting organization selectors, an Idempotency-Key reused for another request. Fix the request; retrying it as is fails again.',
  RATE_LIMITED:
    '429: over a request limit (an API key, a user, an organization, an address after failed authentications), or, on inviteMember and resendInvitation, over the hourly invitation limits. Wait extensions.retryAfter seconds (the Retry-After header).',
  SERVICE_UNAVAILABLE:
    '503: the service was too busy or its database unreachable; nothing was changed. Retry after extensions.retryAfter seconds.',
  GRAPHQL_PARSE_FAILED: '400: the document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: '400: the document does not match the schema (a field or argument that does not exist).',
  BAD_REQUEST:
    '400: not a GraphQL request yoga can read (no query, bad JSON, a GET for a mutation, a missing CSRF header on a simple request).',
  OPERATION_RESOLUTION_FAILURE: '400: operationName names no operation of the document, or several need one.',
  REQUEST_ENTITY_TOO_LARGE: '413: the request body is over MAX_BODY_BYTES.',
  QUERY_COMPLEXITY: 'The query costs more than the complexity limit: ask for fewer items or fewer nested lists.',
  QUERY_DEPTH: 'The query nests deeper than the limit.',
  QUERY_BREADTH: 'The query selects more fields than the limit.',
  INTERNAL_SERVER_ERROR:
    "A bug on our side, masked: the log has it under the response's x-request-id. Retrying may help; report the request id.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A payload's userErrors: an allowed mutation refused by a business rule; nothing was changed. */
export const USER_ERROR_CODES = {
  INVALID_INPUT: 'An input field is invalid: `field` names it and `message` says why.',
  SLUG_TAKEN: 'Another organization has this slug: pick another.',
  LAST_ADMIN: 'The organization would have no admin left: make someone else admin first.',
  ALREADY_MEMBER: 'That person is already a member.',
  INVITATION_EXPIRED: 'The invitation has expired: ask for a new one.',
  INVITATION_NOT_PENDING: 'The invitation was already accepted, declined or revoked.',
  EMAIL_MISMATCH: 'The invitation is addressed to another email than yours.',
  EMAIL_NOT_VERIFIED: 'Your email is not verified, so no invitation can be matched to it.',
  CONFIRMATION_MISMATCH: "The confirmation does not match the organization's slug.",
  ASSIGNEE_NOT_MEMBER: 'The assignee is not a member of this organization.',
  ALREADY_REVOKED: 'The API key is already revoked.',
  API_KEY_EXPIRED: 'The API key has expired: create a new one.',
  RATE_LIMIT_ABOVE_CEILING:
    "A key's own limit may not exceed the operator's ceiling (ApiKey.rateLimit of a key without one).",
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

/** A description listing codes and their meanings. */
export function describeCodes(intro: string, codes: Record<string, string>): string {
  return [intro, '', ...Object.entries(codes).map(([code, meaning]) => `- ${code}: ${meaning}`)].join('\n');
}
