import { z } from 'zod';
import { displayPrefix, generateApiKey } from '../auth/api-key.js';
import { apiError } from '../errors.js';
import { ApiKeyScope as Scope } from '../generated/prisma/enums.js';
import type { ApiKey as ApiKeyRow } from '../generated/prisma/client.js';
import { idOfType } from '../lib/global-id.js';
import { recordAuditEvent } from '../lib/audit.js';
import { builder } from './builder.js';
import { loadReadable, modelNode, orgAdminsOnly } from './model.js';
import { organizationConnection } from './organization.js';
import { Viewer } from './viewer.js';
import { entityPayload, parseInput, UserError, userError, type MutationResult } from './payload.js';

export const ApiKeyScope = builder.enumType(Scope, {
  name: 'ApiKeyScope',
  values: {
    READ: { description: 'Read org data: projects, tasks, members.' },
    WRITE: { description: 'Create, update and delete projects and tasks.' },
  },
});

export const ApiKey = modelNode('ApiKey', {
  model: 'ApiKey',
  // Admins of its org, and the key itself.
  readable: (s, key) => orgAdminsOnly(s, key) || s.apiKey?.id === key.id,
  columns: { prefix: ['publicId'] },
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
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ApiKeyConnection = builder.connectionObject({ type: ApiKey, name: 'ApiKeyConnection' });

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
  }),
});

interface CreateApiKeyResult extends MutationResult {
  secret: string | null;
}

const CreateApiKeyPayload = builder.objectRef<CreateApiKeyResult>('CreateApiKeyPayload').implement({
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKey,
      nullable: true,
      resolve: (p, _args, ctx) => loadReadable<ApiKeyRow>(ctx, 'ApiKey', p.id),
    }),
    secret: t.exposeString('secret', {
      nullable: true,
      description: 'The full secret. Returned once, never stored in plain text, never shown again.',
    }),
    userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
  }),
});

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
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: 'Admins (users only; an API key never manages keys, members or invitations).',
    authScopes: { orgAdmin: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<CreateApiKeyResult> => {
      const parsed = parseInput(createApiKeyInput, input);
      if (parsed.errors) return { id: null, secret: null, userErrors: parsed.errors };
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
          },
        });
        await recordAuditEvent(session, orgId, {
          action: 'api_key.created',
          targetType: 'ApiKey',
          targetId: created.id,
        });
        return { id: created.id, secret: key.key, userErrors: [] };
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

builder.objectField(Viewer, 'apiKey', (t) =>
  t.field({
    type: ApiKey,
    nullable: true,
    description: 'The API key making this request, or null for a user.',
    resolve: (_v, _a, ctx) => loadReadable<ApiKeyRow>(ctx, 'ApiKey', ctx.session.apiKey?.id),
  }),
);
