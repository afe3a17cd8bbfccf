// One access-log line per request, at info: the request id, the operation's
// type and name, the organization, who called (a user's id or an API key's
// id), the HTTP status, the error codes and the duration. Never the document,
// its variables, a token or a key (the logger masks anything shaped like one
// besides).
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { LimitState } from './limits.js';
import { isOperationsRequest } from './operations.js';

/** What a request's line says, filled in as the request goes. */
export interface AccessRecord {
  start: number;
  operation?: { type: string; name: string | null };
  orgId?: string | null;
  userId?: string | null;
  apiKeyId?: string | null;
  codes: Set<string>;
  /** Answered from the first answer to its Idempotency-Key (src/idempotency.ts). */
  replayed?: boolean;
  /** /health, /ready or /metrics (src/operations.ts): neither logged nor counted. */
  operationsEndpoint?: boolean;
  /** The client's address (src/limits-plugin.ts); never logged. */
  client?: string;
  /** What the caller's own request limit left. */
  limit?: LimitState;
}

/** The record of a request, kept in yoga's server context. */
export function accessRecord(serverContext: object): AccessRecord {
  const context = serverContext as { access?: AccessRecord };
  return (context.access ??= { start: performance.now(), codes: new Set() });
}

function collectCodes(record: AccessRecord, result: ExecutionResult) {
  for (const error of result.errors ?? []) {
    const code = (error as GraphQLError).extensions?.code;
    record.codes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
  }
}

/** First among the plugins: it sees every execution, including ones another plugin refuses. */
export function useAccessLog(logger: Logger): Plugin {
  return {
    onRequest({ serverContext }) {
      accessRecord(serverContext ?? {});
    },
    onExecute({ args }) {
      const record = accessRecord(args.contextValue as object);
      const operation = getOperationAST(args.document, args.operationName);
      if (operation) record.operation = { type: operation.operation, name: operation.name?.value ?? null };
    },
    // Every answer, including the whole-request refusals made before execution (401, 429).
    onResultProcess({ serverContext, result }) {
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result)) {
        collectCodes(accessRecord(serverContext ?? {}), result as ExecutionResult);
      }
    },
    onResponse({ request, serverContext, response }) {
      const record = accessRecord(serverContext ?? {});
      // Answered by yoga's own /health too, before any onRequest of ours: decided here, once.
      record.operationsEndpoint = isOperationsRequest(request);
      if (record.operationsEndpoint) return;
      logger.info(
        {
          requestId: (serverContext as { requestId?: string } | undefined)?.requestId ?? null,
          operation: record.operation ?? null,
          orgId: record.orgId ?? null,
          ...(record.apiKeyId ? { apiKeyId: record.apiKeyId } : { userId: record.userId ?? null }),
          status: response.status,
          ...(record.replayed ? { replayed: true } : {}),
          codes: [...record.codes],
          durationMs: Math.round((performance.now() - record.start) * 10) / 10,
        },
        'request',
      );
    },
  };
}
