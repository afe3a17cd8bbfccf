// The yoga plugin that runs each GraphQL execution inside a tenant session
// (tenancy/session.ts): opened for the request's credential and selectors,
// closed (committed, or rolled back) when execution ends.
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerResponse } from 'node:http';
import type { RequestInfo } from '../context.js';
import type { Pending } from '../idempotency.js';
import { ServiceUnavailable, type RequestConnections } from '../db/request-connections.js';
import { accessRecord } from '../access-log.js';
import { serviceUnavailable } from '../errors.js';
import { TenantSession, type SessionOptions } from './session.js';

export function useTenantSession<C>(deps: {
  connections: RequestConnections;
  options: SessionOptions;
  /** The resolvers' context for a session. */
  context: (info: RequestInfo, session: TenantSession) => C;
  /** The server's secret for Idempotency-Key answers with secrets (src/idempotency.ts); null: not replayed. */
  idempotencySecret: Buffer | null;
  /** Lets the request go on once its caller is known, or throws (its request limits). */
  admit?: (session: TenantSession, serverContext: object) => Promise<void>;
}): Plugin<RequestInfo> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const info = args.contextValue as RequestInfo;
        // Read once per request, by the access log's onExecute (the first plugin).
        const mutation = accessRecord(args.contextValue as object).operation?.type === 'mutation';
        let delivered: Pending | null = null;
        try {
          const { credential, selectedSlug } = info;
          const request = { credential, selectedSlug, mutation: mutation && !info.idempotencyKey };
          const answer = await TenantSession.run(deps.connections, deps.options, request, async (session) => {
            Object.assign(accessRecord(args.contextValue as object), {
              orgId: session.org?.id ?? null,
              userId: session.user?.id ?? null,
              apiKeyId: session.apiKey?.id ?? null,
            });
            await deps.admit?.(session, args.contextValue as object);
            const execute = async () => {
              const result = (await executeFn({
                ...args,
                contextValue: deps.context(info, session),
              })) as ExecutionResult;
              // A mutation answered without data wrote nothing: one that failed takes the ones before it along.
              if (result.data == null && mutation) session.abandon();
              return result;
            };
            // Only a caller's mutation (an anonymous request has no database to keep it in).
            const caller = session.user ?? session.apiKey;
            const header = mutation && caller && session.walls !== 'none' ? info.idempotencyKey : null;
            if (!header) return execute();
            const once = await session.runIdempotently({ header, secret: deps.idempotencySecret }, args, execute);
            accessRecord(args.contextValue as object).replayed = once.replayed;
            delivered = once.deliver;
            return once.result;
          });
          // An answer with a secret: its sealed copy goes once it is written to the client.
          const pending = delivered;
          if (pending) {
            (args.contextValue as { res?: ServerResponse }).res?.once('finish', () => {
              const kept = (why: unknown) => info.log.warn({ why }, 'a delivered idempotent answer kept its secret');
              TenantSession.run(deps.connections, deps.options, info, (s) => s.forgetSecrets(pending)).then(
                (forgotten) => forgotten || kept('its row was not found'),
                (error: unknown) => kept((error as Error).message),
              );
            });
          }
          return answer;
        } catch (error) {
          // Whole-request failures (bad key, conflicting selectors) are answers, not crashes.
          if (error instanceof GraphQLError) return { errors: [error] };
          // Too busy or no database: 503 and Retry-After, rolled back; logged, not masked.
          if (error instanceof ServiceUnavailable) {
            info.log.warn(
              { reason: error.message, cause: (error.cause as Error | undefined)?.message },
              'request not served in time',
            );
            return { errors: [serviceUnavailable()] };
          }
          // A bug or an unreachable database: yoga masks it; the log keeps it.
          info.log.error({ err: error }, 'request failed');
          throw error;
        }
      });
    },
  };
}
