import { z } from 'zod';
import { displayPrefix, generateApiKey, newSecretFor } from '../auth/api-key.js';
import { apiError } from '../errors.js';
import { ApiKeyScope as Scope } from '../generated/prisma/enums.js';
import type { ApiKey as ApiKeyRow } from '../generated/prisma/client.js';
import { idOfType } from '../lib/global-id.js';
import { recordAuditEvent } from '../lib/audit.js';
import type { Rate } from '../limits.js';
import { builder } from './builder.js';
import { loadReadable, modelNode, orgAdminsOnly } from './model.js';
import { organizationConnection } from './organization.js';
import { Viewer } from './viewer.js';
import {
  entityPayload,
  parseInput,
  UserError,
  userError,
  type MutationResult,
  type UserErrorShape,
} from './payload.js';

export const ApiKeyScope = builder.enumType(Scope, {
  name: 'ApiKeyScope',
  values: {
    READ: { description: 'Read org data: projects, tasks, members.' },
    WRITE: { description: 'Create, update and delete projects and tasks.' },
  },
});

const ApiKeyRateLimit = builder.objectRef<Rate>('ApiKeyRateLimit').implement({
  description:
    'Requests per second sustained, with bursts: counted in fixed windows of ceil(burst / perSecond) seconds of `burst` requests each.',
  fields: (t) => ({
    perSecond: t.exposeInt('perSecond'),
    burst: t.exposeInt('burst'),
  }),
});

const ApiKeyRateLimitInput = builder.inputType('ApiKeyRateLimitInput', {
  fields: (t) => ({
    perSecond: t.int({ required: true }),
    burst: t.int({ description: 'Defaults to the lower of 5 × perSecond and the ceiling.' }),
  }),
});

export const ApiKey = modelNode('ApiKey', {
  model: 'ApiKey',
  // Admins of its org, and the key itself.
  readable: (s, key) => orgAdminsOnly(s, key) || s.apiKey?.id === key.id,
  columns: { prefix: ['publicId'], rateLimit: ['rateLimitPerSecond', 'rateLimitBurst'] },
  relations: { createdBy: { type: 'User', via: 'createdById', nullable: true } },
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.string({
      description: 'Public, non-secret start of the key, shown to tell keys apart.',
      resolve: (key) => displayPrefix(key.publicId),
    }),
    scopes: t.expose('scopes', { type: [ApiKeyScope] }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last use with any of its secrets (recorded at most once a minute per secret).',
    }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    secretLastUsedAt: t.expose('secretLastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last use of the current secret.',
    }),
    rotatedAt: t.expose('rotatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the secret was last rotated.',
    }),
    previousSecretExpiresAt: t.expose('previousSecretExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the secret before the last rotation stops (or stopped) working; null if the key was never rotated.',
    }),
    previousSecretLastUsedAt: t.expose('previousSecretLastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last use of the previous secret: once it stays old, nobody calls with that secret any more.',
    }),
    rateLimit: t.field({
      type: ApiKeyRateLimit,
      description:
        "The key's request limit: its own if set at creation (never above the operator's ceiling), else the ceiling.",
      resolve: (key, _args, ctx) =>
        ctx.services.limits.keyRate(
          key.rateLimitPerSecond ? { perSecond: key.rateLimitPerSecond, burst: key.rateLimitBurst! } : null,
        ),
    }),
  }),
});

export const ApiKeyConnection = builder.connectionObject({ type: ApiKey, name: 'ApiKeyConnection' });

organizationConnection('apiKeys', {
  type: ApiKeyConnection,
  description: 'Admins only.',
  scope: 'activeOrgAdmin',
  pages: { typeName: 'ApiKey', parent: 'Organization', relation: 'apiKeys' },
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    scopes: t.field({ type: [ApiKeyScope], required: true }),
    expiresAt: t.field({ type: 'DateTime' }),
    rateLimit: t.field({
      type: ApiKeyRateLimitInput,
      description: "A lower limit than the operator's for this key; never above it.",
    }),
  }),
});

interface CreateApiKeyResult extends MutationResult {
  secret: string | null;
}

const secretPayload = (name: string) =>
  builder.objectRef<CreateApiKeyResult>(name).implement({
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKey,
        nullable: true,
        resolve: (p, _args, ctx) =>
          (p.row ? ctx.loaders.written('ApiKey', p.row) : loadReadable<ApiKeyRow>(ctx, 'ApiKey', p.id)) as never,
      }),
      secret: t.exposeString('secret', {
        nullable: true,
        description: 'The full secret. Returned once, never stored in plain text, never shown again.',
      }),
      userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
    }),
  });

const CreateApiKeyPayload = secretPayload('CreateApiKeyPayload');
const RotateApiKeyPayload = secretPayload('RotateApiKeyPayload');

const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name must not be empty').max(100, 'Name must have at most 100 characters'),
  scopes: z
    .array(z.enum(['READ', 'WRITE']))
    .min(1, 'Give the key at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
  expiresAt: z
    .date()
    .nullish()
    .refine((date) => !date || date.getTime() > Date.now(), 'expiresAt must be in the future'),
  rateLimit: z
    .object({
      perSecond: z.number().int().positive('perSecond must be at least 1'),
      burst: z.number().int().positive('burst must be at least 1').nullish(),
    })
    .nullish(),
});

/** A key's own limit, or RATE_LIMIT_ABOVE_CEILING / INVALID_INPUT. */
function ownRate(given: z.infer<typeof createApiKeyInput>['rateLimit'], ceiling: Rate): Rate | null | UserErrorShape {
  if (!given) return null;
  const burst = given.burst ?? Math.min(given.perSecond * 5, ceiling.burst);
  if (given.perSecond > ceiling.perSecond || burst > ceiling.burst) {
    return userError(
      'RATE_LIMIT_ABOVE_CEILING',
      `A key's limit can't exceed ${ceiling.perSecond} per second with bursts of ${ceiling.burst}.`,
      ['input', 'rateLimit'],
    );
  }
  if (burst < given.perSecond) {
    return userError('INVALID_INPUT', 'burst must be at least perSecond', ['input', 'rateLimit', 'burst']);
  }
  return { perSecond: given.perSecond, burst };
}

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: 'Admins (users only; an API key never manages keys, members or invitations).',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<CreateApiKeyResult> => {
      const parsed = parseInput(createApiKeyInput, input);
      if (parsed.errors) return { id: null, secret: null, userErrors: parsed.errors };
      const rate = ownRate(parsed.data.rateLimit, ctx.services.limits.config.apiKey);
      if (rate && 'code' in rate) return { id: null, secret: null, userErrors: [rate] };
      const { session } = ctx;
      const orgId = session.org!.id;
      const key = generateApiKey();
      return session.atomically(async () => {
        const created = await session.db.apiKey.create({
          data: {
            orgId,
            name: parsed.data.name,
            scopes: parsed.data.scopes,
            expiresAt: parsed.data.expiresAt ?? null,
            publicId: key.publicId,
            secretHash: key.secretHash,
            createdById: session.user!.id,
            rateLimitPerSecond: rate?.perSecond ?? null,
            rateLimitBurst: rate?.burst ?? null,
          },
        });
        await recordAuditEvent(session, orgId, {
          action: 'api_key.created',
          targetType: 'ApiKey',
          targetId: created.id,
        });
        return { id: created.id, row: created, secret: key.key, userErrors: [] };
      });
    },
  }),
);

const ApiKeyRefInput = builder.inputType('ApiKeyRefInput', {
  fields: (t) => ({ apiKeyId: t.id({ required: true }) }),
});

const ApiKeyPayload = entityPayload('ApiKeyPayload', 'apiKey', 'ApiKey');

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: ApiKeyPayload,
    description: 'Admins. A revoked key stops working at once.',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: ApiKeyRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOfType(input.apiKeyId, 'ApiKey');
      const { session } = ctx;
      return session.atomically(async () => {
        const revoked = await session.db.apiKey.updateMany({
          where: { id, revokedAt: null },
          data: { revokedAt: new Date() },
        });
        if (revoked.count === 0) {
          const exists = await session.db.apiKey.findUnique({ where: { id }, select: { id: true } });
          if (!exists) throw apiError('NOT_FOUND', 'API key not found.');
          return {
            id: null,
            userErrors: [userError('ALREADY_REVOKED', 'This API key is already revoked.', ['input', 'apiKeyId'])],
          };
        }
        await recordAuditEvent(session, session.org!.id, {
          action: 'api_key.revoked',
          targetType: 'ApiKey',
          targetId: id,
        });
        return { id, userErrors: [] };
      });
    },
  }),
);

const DAY = 86_400;

const RotateApiKeyInput = builder.inputType('RotateApiKeyInput', {
  fields: (t) => ({
    apiKeyId: t.id({ required: true }),
    gracePeriodSeconds: t.int({
      description:
        'How long the current secret keeps working next to the new one: default 86400 (24 h), 0 ends it at once, at most 30 days.',
    }),
  }),
});

const rotateInput = z.object({
  apiKeyId: z.string(),
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0, 'gracePeriodSeconds must not be negative')
    .max(30 * DAY, 'gracePeriodSeconds must be at most 30 days (2592000)')
    .nullish()
    .transform((s) => s ?? DAY),
});

builder.mutationField('rotateApiKey', (t) =>
  t.field({
    type: RotateApiKeyPayload,
    description:
      'Admins. A new secret for the same key (same id, name, scopes and limit), returned once. The previous secret works for the grace period, then is refused as rotated; rotating again ends an earlier previous secret at once.',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: RotateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<CreateApiKeyResult> => {
      const parsed = parseInput(rotateInput, input);
      if (parsed.errors) return { id: null, secret: null, userErrors: parsed.errors };
      const id = idOfType(parsed.data.apiKeyId, 'ApiKey');
      const { session } = ctx;
      return session.atomically(async () => {
        await session.lock(`api-key:${id}`); // two rotations at once: one after the other
        const key = await session.db.apiKey.findUnique({ where: { id } });
        if (!key) throw apiError('NOT_FOUND', 'API key not found.');
        const refused = key.revokedAt
          ? userError('ALREADY_REVOKED', 'This API key is already revoked.', ['input', 'apiKeyId'])
          : key.expiresAt && key.expiresAt <= new Date()
            ? userError('API_KEY_EXPIRED', 'This API key has expired: create a new one.', ['input', 'apiKeyId'])
            : null;
        if (refused) return { id: null, secret: null, userErrors: [refused] };
        const now = new Date();
        const fresh = newSecretFor(key.publicId);
        const rotated = await session.db.apiKey.update({
          where: { id },
          data: {
            secretHash: fresh.secretHash,
            secretLastUsedAt: null,
            previousSecretHash: key.secretHash,
            previousSecretExpiresAt: new Date(now.getTime() + parsed.data.gracePeriodSeconds * 1000),
            previousSecretLastUsedAt: key.secretLastUsedAt,
            rotatedAt: now,
          },
        });
        await recordAuditEvent(session, session.org!.id, {
          action: 'api_key.rotated',
          targetType: 'ApiKey',
          targetId: id,
        });
        return { id, row: rotated, secret: fresh.key, userErrors: [] };
      });
    },
  }),
);

builder.objectField(Viewer, 'apiKey', (t) =>
  t.field({
    type: ApiKey,
    nullable: true,
    description: 'The API key making this request, or null for a user.',
    resolve: (_v, _a, ctx) => loadReadable<ApiKeyRow>(ctx, 'ApiKey', ctx.session.apiKey?.id),
  }),
);
