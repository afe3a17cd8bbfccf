// The schema builder: plugins, generated Prisma types, the context, auth scopes.
// No fields here; each domain type lives in its own module (style.md).
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import { getNamedType, GraphQLScalarType, Kind } from 'graphql';
import type { Context } from '../context.js';
import { apiError, NO_ORG_SELECTED } from '../errors.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { ApiKeyScope } from '../generated/prisma/enums.js';
import { decodeGlobalID, encodeGlobalID } from '../lib/global-id.js';

export const DEFAULT_PAGE_SIZE = 20;

/** Newest first, id as tie-breaker (contract.graphql, "Connections"). */
export const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
export const MAX_PAGE_SIZE = 100;

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
function authorizationError(ctx: Context, failure: AuthFailure) {
  if (!ctx.user && !ctx.apiKey) return apiError('UNAUTHENTICATED', 'Sign in or send an API key.');
  if (!ctx.org && failedScopes(failure).some((s) => ORG_SCOPES.has(s))) {
    return ctx.orgSelected
      ? apiError('NOT_FOUND', 'Organization not found.')
      : apiError('BAD_USER_INPUT', NO_ORG_SELECTED);
  }
  return apiError('FORBIDDEN', "Not allowed for your role or your API key's scopes.");
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
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
    /** The organization at hand is the active one, for a member or any of its API keys. */
    activeOrgData: string;
    /** The user at hand is the signed-in user. */
    self: string;
    /** The email at hand is the signed-in user's verified email. */
    invitee: string;
    /** The API key at hand is the one making the request. */
    sameApiKey: string;
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, PrismaPlugin, RelayPlugin],
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
    authScopes: (ctx) => ({
      authenticated: !!ctx.user || !!ctx.apiKey,
      user: !!ctx.user,
      orgMember: !!ctx.org?.membership,
      orgAdmin: ctx.org?.membership?.role === 'ADMIN',
      apiKeyScope: (scope) => !!ctx.apiKey?.scopes.includes(scope),
      activeOrg: (orgId) => ctx.org?.id === orgId && (!!ctx.org.membership || !!ctx.apiKey?.scopes.includes('READ')),
      activeOrgMember: (orgId) => ctx.org?.id === orgId && !!ctx.org.membership,
      activeOrgAdmin: (orgId) => ctx.org?.id === orgId && ctx.org.membership?.role === 'ADMIN',
      activeOrgData: (orgId) => ctx.org?.id === orgId && (!!ctx.org.membership || !!ctx.apiKey),
      self: (userId) => ctx.user?.id === userId,
      invitee: (email) => !!ctx.user?.emailVerified && ctx.user.email === email,
      sameApiKey: (keyId) => ctx.apiKey?.id === keyId,
    }),
    unauthorizedError: (_parent, ctx, _info, result) => authorizationError(ctx, result.failure),
  },
  prisma: {
    client: (ctx) => ctx.db.client as never,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'development' ? 'warn' : null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalID(typename, String(id)),
    decodeGlobalID,
    nodesOnConnection: false,
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

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw apiError('BAD_USER_INPUT', 'DateTime must be an ISO-8601 string');
  return date;
}

/**
 * Spread into every connection: a page larger than the maximum is the caller's
 * mistake (BAD_USER_INPUT), not something to shrink silently.
 */
export const pageLimits = {
  maxSize: (args: { first?: number | null; last?: number | null }) => {
    if ((args.first ?? 0) > MAX_PAGE_SIZE || (args.last ?? 0) > MAX_PAGE_SIZE) {
      throw apiError('BAD_USER_INPUT', `Page size must be at most ${MAX_PAGE_SIZE}.`);
    }
    return MAX_PAGE_SIZE;
  },
};

builder.queryType({});
builder.mutationType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    resolve: (parent) => (typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount),
  }),
);
