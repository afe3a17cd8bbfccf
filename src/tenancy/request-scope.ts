// Runs each GraphQL execution inside the request's tenancy: one transaction in
// which the caller is resolved in the database (user, API key), the active
// organization is chosen and bound (RLS setting + org scope), and the resolvers
// run with the bound client. The org is paid for once per request.
import type { Plugin } from 'graphql-yoga';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Context, RequestInfo, ViewerApiKey, ViewerUser, ActiveOrg } from '../context.js';
import { apiError } from '../errors.js';
import { authenticateApiKey, findUserOrg, type createUserDirectory } from './cross-tenant.js';
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
          return await deps.tenancy.run(
            {
              userId: user?.id ?? null,
              userEmail: user?.emailVerified ? user.email : null,
              apiKeyPublicId: credential.kind === 'apiKey' ? credential.publicId : null,
            },
            async (db) => {
              let apiKey: ViewerApiKey | null = null;
              let org: ActiveOrg | null = null;
              if (credential.kind === 'apiKey') {
                const found = await authenticateApiKey(db, credential.publicId, credential.secret);
                if (!found) throw apiError('UNAUTHENTICATED', 'Invalid API key', { wholeRequest: true });
                if (info.selectedSlug && info.selectedSlug !== found.org.slug) {
                  throw apiError('BAD_USER_INPUT', "The selected organization is not the API key's organization", {
                    wholeRequest: true,
                  });
                }
                ({ apiKey, org } = found);
              } else if (user) {
                org = await findUserOrg(db, user.id, info.selectedSlug);
              }
              if (org) await db.setOrg(org.id);
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
