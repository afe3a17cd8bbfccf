// Runs each GraphQL execution inside the request's tenancy: one transaction in
// which the caller is resolved in the database (user, API key), the active
// organization is chosen and bound (RLS setting + org scope), and the resolvers
// run with the bound client. The org is paid for once per request.
import type { Plugin } from 'graphql-yoga';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Context, RequestInfo, ViewerApiKey, ViewerUser, ActiveOrg } from '../context.js';
import { apiError } from '../errors.js';
import {
  apiKeyFromRows,
  apiKeyLookup,
  userOrgFromRows,
  userOrgLookup,
  type createUserDirectory,
} from './cross-tenant.js';
import { runWithOrgScope, type Tenancy } from './scope.js';

export function useRequestScope(deps: {
  tenancy: Tenancy;
  ensureUser: ReturnType<typeof createUserDirectory>;
}): Plugin<RequestInfo> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const info = args.contextValue as RequestInfo;
        const { credential } = info;
        try {
          const user: ViewerUser | null = credential.kind === 'user' ? await deps.ensureUser(credential.claims) : null;
          // Who the caller is in the database and which org they act on: one
          // query that runs with the transaction's BEGIN and binds the org.
          const lookup =
            credential.kind === 'apiKey'
              ? apiKeyLookup(credential.publicId, { bind: deps.tenancy.rls })
              : user
                ? userOrgLookup(user.id, info.selectedSlug, { bind: deps.tenancy.rls })
                : null;
          return await deps.tenancy.run(
            {
              userId: user?.id ?? null,
              userEmail: user?.emailVerified ? user.email : null,
              apiKeyPublicId: credential.kind === 'apiKey' ? credential.publicId : null,
            },
            async (db, rows) => {
              let apiKey: ViewerApiKey | null = null;
              let org: ActiveOrg | null = null;
              if (credential.kind === 'apiKey') {
                const found = await apiKeyFromRows(db, rows, credential.secret);
                if (!found) throw apiError('UNAUTHENTICATED', 'Invalid API key', { wholeRequest: true });
                if (info.selectedSlug && info.selectedSlug !== found.org.slug) {
                  throw apiError('BAD_USER_INPUT', "The selected organization is not the API key's organization", {
                    wholeRequest: true,
                  });
                }
                ({ apiKey, org } = found);
              } else if (user) {
                org = userOrgFromRows(rows);
              }
              const context: Context = Object.freeze({
                ...info,
                user,
                apiKey,
                org,
                orgSelected: info.selectedSlug !== null || org !== null,
                db,
              });
              return runWithOrgScope({ orgId: org?.id ?? null }, () => executeFn({ ...args, contextValue: context }));
            },
            lookup,
          );
        } catch (error) {
          // Whole-request failures (bad key, conflicting selectors) are answers, not crashes.
          if (error instanceof GraphQLError) return { errors: [error] };
          // A bug or an unreachable database: yoga masks it; the log keeps it.
          info.log.error({ err: error }, 'request failed');
          throw error;
        }
      });
    },
  };
}
