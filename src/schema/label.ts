// Labels: an organization's own.
// Written by `npm run new:model`, now yours to edit (docs/adding-a-model.md).
// Read and written through the org-bound client (both walls): read by members
// and READ API keys, written by members and WRITE keys, every change audited.
import { z } from 'zod';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isRecordNotFound } from '../lib/database-errors.js';
import { idOfType } from '../lib/global-id.js';
import { builder } from './builder.js';
import { modelNode, orgReadable, writeScopes } from './model.js';
import { organizationConnection } from './organization.js';
import { entityPayload, parseInput, removedPayload, type MutationResult } from './payload.js';

export const Label = modelNode('Label', {
  model: 'Label',
  // Members and READ keys; a WRITE key sees only what its own mutation wrote (payload.ts).
  readable: orgReadable,
  fields: (t) => ({
    name: t.exposeString('name'),
    color: t.exposeString('color', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const LabelConnection = builder.connectionObject({ type: Label, name: 'LabelConnection' });

organizationConnection('labels', {
  type: LabelConnection,
  description: 'Newest first. Members and READ API keys.',
  scope: 'activeOrg',
  pages: { typeName: 'Label', parent: 'Organization', relation: 'labels' },
});

/** The active org's label with this global id, or NOT_FOUND (another org's looks exactly like a missing one). */
export async function labelInOrg(ctx: Context, globalId: string) {
  const label = await ctx.session.db.label.findUnique({ where: { id: idOfType(globalId, 'Label') } });
  if (!label) throw apiError('NOT_FOUND', 'Label not found.');
  return label;
}

const labelFields = {
  name: z.string().trim().min(1, 'Name must not be empty').max(200, 'Name must have at most 200 characters'),
  color: z
    .string()
    .trim()
    .max(200, 'Color must have at most 200 characters')
    .transform((v) => v || null),
};

const LabelPayload = entityPayload('LabelPayload', 'label', 'Label');

const CreateLabelInput = builder.inputType('CreateLabelInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    color: t.string(),
  }),
});

builder.mutationField('createLabel', (t) =>
  t.field({
    type: LabelPayload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: CreateLabelInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const parsed = parseInput(z.object({ name: labelFields.name, color: labelFields.color.nullish() }), {
        name: input.name,
        color: input.color,
      });
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const { session } = ctx;
      const orgId = session.org!.id;
      return session.atomically(async () => {
        const label = await session.db.label.create({
          data: { orgId, name: parsed.data.name, color: parsed.data.color ?? null },
        });
        await recordAuditEvent(session, orgId, { action: 'label.created', targetType: 'Label', targetId: label.id });
        return { id: label.id, row: label, userErrors: [] };
      });
    },
  }),
);

const UpdateLabelInput = builder.inputType('UpdateLabelInput', {
  fields: (t) => ({
    labelId: t.id({ required: true }),
    name: t.string(),
    color: t.string(),
  }),
});

builder.mutationField('updateLabel', (t) =>
  t.field({
    type: LabelPayload,
    description: 'Members, or API keys with WRITE. An absent field stays as it is; null clears an optional one.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: UpdateLabelInput, required: true }) },
    // Written without reading the row first: the update finds it in the active org, or reports it missing.
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const id = idOfType(input.labelId, 'Label');
      const parsed = parseInput(z.object({ name: labelFields.name.nullish(), color: labelFields.color.nullish() }), {
        name: input.name,
        color: input.color,
      });
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const data: Prisma.LabelUncheckedUpdateInput = {};
      if (parsed.data.name != null) data.name = parsed.data.name;
      if (parsed.data.color !== undefined) data.color = parsed.data.color;
      if (Object.keys(data).length === 0) {
        const label = await labelInOrg(ctx, input.labelId);
        return { id: label.id, row: label, userErrors: [] };
      }
      const { session } = ctx;
      try {
        return await session.atomically(async () => {
          const row = await session.db.label.update({ where: { id }, data });
          await recordAuditEvent(session, row.orgId, { action: 'label.updated', targetType: 'Label', targetId: id });
          return { id, row, userErrors: [] };
        });
      } catch (error) {
        if (isRecordNotFound(error)) throw apiError('NOT_FOUND', 'Label not found.');
        throw error;
      }
    },
  }),
);

const LabelRefInput = builder.inputType('LabelRefInput', {
  fields: (t) => ({ labelId: t.id({ required: true }) }),
});

const DeleteLabelPayload = removedPayload('DeleteLabelPayload', 'deletedLabelId', 'Label');

builder.mutationField('deleteLabel', (t) =>
  t.field({
    type: DeleteLabelPayload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: LabelRefInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const id = idOfType(input.labelId, 'Label');
      const { session } = ctx;
      return session.atomically(async () => {
        const deleted = await session.db.label.deleteMany({ where: { id } });
        if (deleted.count === 0) throw apiError('NOT_FOUND', 'Label not found.');
        await recordAuditEvent(session, session.org!.id, {
          action: 'label.deleted',
          targetType: 'Label',
          targetId: id,
        });
        return { id, userErrors: [] };
      });
    },
  }),
);
