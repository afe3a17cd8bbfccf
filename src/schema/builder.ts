// The schema builder: plugins, the context, auth scopes, limits. No fields
// here; each domain type lives in its own module (style.md), built with the
// helpers of schema/model.ts.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import { getNamedType, GraphQLScalarType, Kind } from 'graphql';
import type { Context } from '../context.js';
import { describeCodes, ERROR_CODES } from '../error-codes.js';
import { apiError, NO_ORG_SELECTED } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ApiKeyScope } from '../generated/prisma/enums.js';
import { decodeGlobalID, encodeGlobalID } from '../lib/global-id.js';
import { DEFAULT_PAGE_SIZE } from './loading/pages.js';

/** Scopes that need an active organization; failing one without it is a selection problem. */
const ORG_SCOPES = new Set(['orgMember', 'orgAdmin', 'apiKeyScope']);

function failedScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return [failure.scope];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return failure.failures.flatMap(failedScopes);
    default:
      return [];
  }
}

/** Maps a failed scope check to the contract's error codes. */
function authorizationError({ session }: Context, failure: AuthFailure) {
  if (!session.user && !session.apiKey) return apiError('UNAUTHENTICATED', 'Sign in or send an API key.');
  if (!session.org && failedScopes(failure).some((s) => ORG_SCOPES.has(s))) {
    return session.orgSelected
      ? apiError('NOT_FOUND', 'Organization not found.')
      : apiError('BAD_USER_INPUT', NO_ORG_SELECTED);
  }
  return apiError('FORBIDDEN', "Not allowed for your role or your API key's scopes.");
}

/** Each Prisma model's row type, by model name. */
type ModelRows = { [Model in Prisma.ModelName]: Prisma.TypeMap['model'][Model]['payload']['scalars'] };

export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
  Connection: { totalCount: number };
  /**
   * The model-backed types (schema/model.ts), named as their models: their
   * rows, with the columns a request selected. Every model has its entry, so
   * a new one needs no line here.
   */
  Objects: ModelRows;
  AuthScopes: {
    /** A signed-in user or an API key. */
    authenticated: boolean;
    /** A signed-in user (not an API key). */
    user: boolean;
    /** A member of the active org (a user). */
    orgMember: boolean;
    /** An admin of the active org. */
    orgAdmin: boolean;
    /** An API key of the active org holding this scope. */
    apiKeyScope: ApiKeyScope;
    /** The organization at hand is the active one, and the caller may read it. */
    activeOrg: string;
    /** The organization at hand is the active one, and the caller is its member. */
    activeOrgMember: string;
    /** The organization at hand is the active one, and the caller is its admin. */
    activeOrgAdmin: string;
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin],
  // What a query may cost, priced by the rows it can ask for: a connection
  // multiplies what it selects by its page size, nodes(ids) by its ids.
  complexity: {
    fieldComplexity: (args, _ctx, field) => {
      const page =
        (args as { first?: number | null; last?: number | null }).first ?? (args as { last?: number | null }).last;
      if (getNamedType(field.type).name.endsWith('Connection'))
        return { field: 1, multiplier: Math.max(page ?? DEFAULT_PAGE_SIZE, 1) };
      if (field.name === 'edges') return { field: 0, multiplier: 1 };
      if (field.name === 'nodes')
        return { field: 1, multiplier: Math.max((args as { ids?: unknown[] }).ids?.length ?? 1, 1) };
      return 1;
    },
    limit: { complexity: 20_000, depth: 12, breadth: 400 },
    complexityError: (kind, result) => {
      const measure = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const max = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[measure];
      return apiError('BAD_USER_INPUT', `Query ${measure} ${result[measure]} is over the limit of ${max}.`);
    },
  },
  defaultFieldNullability: false,
  scopeAuth: {
    // Evaluated once per request, and again after a mutation changed the
    // caller's own rights (see the session plugin in server.ts).
    authScopes: ({ session }) => {
      const org = session.org;
      const member = !!org?.membership;
      const isActive = (orgId: string) => org?.id === orgId;
      return {
        authenticated: !!session.user || !!session.apiKey,
        user: !!session.user,
        orgMember: member,
        orgAdmin: org?.membership?.role === 'ADMIN',
        apiKeyScope: (scope) => !!org && !!session.apiKey?.scopes.includes(scope),
        activeOrg: (orgId) => isActive(orgId) && (member || !!session.apiKey?.scopes.includes('READ')),
        activeOrgMember: (orgId) => isActive(orgId) && member,
        activeOrgAdmin: (orgId) => isActive(orgId) && org?.membership?.role === 'ADMIN',
      };
    },
    unauthorizedError: (_parent, ctx, _info, result) => authorizationError(ctx, result.failure),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalID(typename, String(id)),
    decodeGlobalID,
    nodesOnConnection: false,
    // node(id) and nodes(ids) are model.ts's own, through the request's loaders.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.addScalarType(
  'DateTime',
  new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    description: 'An ISO-8601 date-time in UTC, e.g. 2026-11-23T16:00:00.000Z.',
    serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
    parseValue: (value) => parseDateTime(value),
    parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
  }),
);

/** A DateTime is in years 1 to 9999: what ISO-8601 writes with four digits, and PostgreSQL stores. */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw apiError('BAD_USER_INPUT', 'DateTime must be an ISO-8601 string');
  if (date.getTime() < EARLIEST || date.getTime() > LATEST) {
    throw apiError('BAD_USER_INPUT', 'DateTime must be between 0001-01-01 and 9999-12-31');
  }
  return date;
}

builder.queryType({
  description: describeCodes(
    'The root of every read. Errors: a refused request or field answers a top-level error whose extensions.code is one of:',
    ERROR_CODES,
  ),
});
builder.mutationType({});

builder.globalConnectionField('totalCount', (t) => t.exposeInt('totalCount'));
