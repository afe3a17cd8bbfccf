// Builds the GraphQL server (yoga); main.ts listens, tests call yoga.fetch.
// Request flow (design.md): limits, CSRF prevention, masked errors → context
// (credentials, org selectors) → tenant session (one transaction: the caller,
// the active org, both walls bound) → scope-auth-gated resolvers, executed by
// graphql-jit (compiled once per document).
import { randomUUID } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import { RequestCache } from '@pothos/plugin-scope-auth';
import { createYoga, maskError, useErrorHandler, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { readCredential } from './auth/credentials.js';
import { accessRecord, useAccessLog } from './access-log.js';
import { graphiqlOptions, useAcceptLinks, useCorsOffAnswer } from './development.js';
import { idempotencyKeyOf } from './idempotency.js';
import { Limits } from './limits.js';
import { createMetrics } from './metrics.js';
import { useOperationsEndpoints, type Lifecycle } from './operations.js';
import { admitCredential, admitSession, useRequestLimits } from './limits-plugin.js';
import { useNodeIdLimit, useStorableText } from './input-checks.js';
import { createTokenVerifier } from './auth/jwt.js';
import type { Config } from './config.js';
import type { Context, RequestInfo, Services } from './context.js';
import type { Database } from './db/database.js';
import { createMailer } from './mail/mailer.js';
import { schema } from './schema/index.js';
import { Loaders } from './schema/loading/loaders.js';
import { selectedSlug } from './tenancy/selectors.js';
import { useTenantSession } from './tenancy/session-plugin.js';
import type { Walls } from './tenancy/walls.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface ServerDeps {
  config: Config;
  db: Database;
  logger: Logger;
  /**
   * Both tenancy walls unless told otherwise: turning one off is for tests and
   * the benchmark only, through this option, never through configuration.
   */
  walls?: Walls;
  /** The request limits (src/limits.ts); default: made from the configuration, closed with the server (yoga.dispose). */
  limits?: Limits;
  /** Set draining on shutdown: /ready then answers 503. */
  lifecycle?: Lifecycle;
}

export function createServer({ config, db, logger, walls = 'both', ...deps }: ServerDeps) {
  const limits = deps.limits ?? new Limits(config.limits, logger);
  const lifecycle = deps.lifecycle ?? { draining: false };
  const verifyToken = createTokenVerifier(config.jwt);
  const services: Services = {
    mailer: createMailer(config.mail, logger),
    acceptLink: (token) =>
      `${config.appUrl ?? lifecycle.url ?? `http://${config.host}:${config.port}`}/invitations/accept?token=${encodeURIComponent(token)}`,
    invitations: config.invitations,
    limits,
  };

  const metrics = config.metricsToken ? createMetrics(db.connections, limits) : null;
  const plugins: Plugin[] = [
    { onDispose: () => limits.close() },
    useOperationsEndpoints({
      connections: db.connections,
      limits,
      metrics,
      metricsToken: config.metricsToken,
      lifecycle,
      log: logger,
    }),
    useAccessLog(logger),
    useAcceptLinks(config),
    useCorsOffAnswer(config),
    ...(metrics ? [metrics.plugin] : []),
    useRequestLimits(limits, config.trustProxy),
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization', 'x-api-key', 'x-organization'] }),
    // Parser-level limits here; depth and cost are the schema's own (plugin-complexity, builder.ts).
    EnvelopArmorPlugin({
      maxDepth: { enabled: false },
      costLimit: { enabled: false },
      maxAliases: { n: 20 },
      maxDirectives: { n: 20 },
      maxTokens: { n: 3000 },
    }) as Plugin,
    useGraphQlJit() as Plugin,
    useNodeIdLimit(),
    useStorableText(),
    useTenantSession<Context>({
      connections: db.connections,
      options: { walls, timeouts: config.timeouts },
      context: (info, session) => {
        const context: Context = Object.freeze({
          requestId: info.requestId,
          log: info.log,
          services,
          session,
          loaders: new Loaders(session),
        });
        // A mutation that changed the caller's own rights: their scopes are evaluated again.
        session.onRightsChanged(() => RequestCache.clearForContext(context));
        return context;
      },
      admit: (session, serverContext) => admitSession(limits, session, serverContext),
      idempotencySecret: config.idempotencySecret,
    }) as Plugin,
    // Errors from bugs are masked in the response (yoga) and logged here with the request id.
    useErrorHandler(({ errors, context }) => {
      const log = (context as Partial<RequestInfo> | undefined)?.log ?? logger;
      for (const error of errors) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original && !(original instanceof GraphQLError) && !(original instanceof PothosValidationError))
          log.error({ err: original, path: (error as GraphQLError).path }, 'unexpected error');
      }
    }) as Plugin,
    {
      onResponse({ request, response, serverContext }) {
        const id = (serverContext as { requestId?: string }).requestId ?? request.headers.get('x-request-id');
        if (id) response.headers.set('x-request-id', id);
        if (accessRecord(serverContext ?? {}).replayed) response.headers.set('idempotent-replayed', 'true');
      },
    },
  ];
  if (!config.introspection) plugins.push(useDisableIntrospection() as Plugin);

  return createYoga<{ requestId?: string }, RequestInfo>({
    schema,
    // /graphql, or /orgs/<slug>/graphql to select an organization by path.
    graphqlEndpoint: '{/orgs/:slug}?/graphql',
    landingPage: false,
    maskedErrors: {
      // Pothos rejects malformed connection arguments and cursors: the caller's mistake.
      maskError: (error, message) =>
        error instanceof GraphQLError && error.originalError instanceof PothosValidationError
          ? new GraphQLError(error.originalError.message, { path: error.path, extensions: { code: 'BAD_USER_INPUT' } })
          : maskError(error, message, false), // never internals in a response, not even in development
    },
    maxRequestBodySize: config.maxBodyBytes,
    batching: false,
    cors: config.corsOrigins ? { origin: config.corsOrigins, credentials: true } : false,
    graphiql: config.graphiql ? graphiqlOptions(config) : false,
    // Loaded when first asked for: GraphiQL's bundle is most of an idle server's memory.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    // yoga reports every error it answers with, including the caller's; bugs are
    // logged by the error handler below, with the request id.
    logging: {
      debug: (...args) => logger.debug(args.join(' ')),
      info: (...args) => logger.info(args.join(' ')),
      warn: (...args) => logger.warn(args.join(' ')),
      error: (...args) => logger.debug(args.join(' ')),
    },
    plugins,
    context: async ({ request, ...serverContext }) => {
      const header = request.headers.get('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      (serverContext as { requestId?: string }).requestId = requestId;
      const credential = await readCredential(request, verifyToken);
      await admitCredential(limits, credential, serverContext);
      // The resolvers' Context is built with the tenant session (useTenantSession above).
      return {
        requestId,
        log: logger.child({ requestId }),
        credential,
        selectedSlug: selectedSlug(request, config.baseDomain),
        idempotencyKey: idempotencyKeyOf(request),
      } satisfies RequestInfo;
    },
  });
}
