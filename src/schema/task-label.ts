// Labels on tasks, many-to-many through TaskLabel: an org-owned link keyed to
// both ends with org_id, so it joins rows of one organization only. Written by
// `npm run new:model` (docs/adding-a-model.md), now yours to edit. Attaching
// and detaching are idempotent; only a change is audited.
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isForeignKeyViolation } from '../lib/database-errors.js';
import { idOfType } from '../lib/global-id.js';
import type { TenantSession } from '../tenancy/session.js';
import { builder } from './builder.js';
import { Label, LabelConnection, labelInOrg } from './label.js';
import { pageArgs, readScopes, relatedConnectionResolver, writeScopes } from './model.js';
import { UserError, type UserErrorShape } from './payload.js';
import { Task, TaskConnection } from './task.js';

builder.objectField(Task, 'labels', (t) =>
  t.field({
    type: LabelConnection,
    description: 'Most recently attached first. Members and READ API keys.',
    authScopes: readScopes,
    args: pageArgs(t),
    resolve: relatedConnectionResolver({ typeName: 'Label', parent: 'Task', relation: 'labelLinks', through: 'label' }),
  }),
);

builder.objectField(Label, 'tasks', (t) =>
  t.field({
    type: TaskConnection,
    description: 'Most recently attached first. Members and READ API keys.',
    authScopes: readScopes,
    args: pageArgs(t),
    resolve: relatedConnectionResolver({ typeName: 'Task', parent: 'Label', relation: 'taskLinks', through: 'task' }),
  }),
);

interface LinkResult {
  task: { id: string } & Record<string, unknown>;
  label: { id: string } & Record<string, unknown>;
  userErrors: UserErrorShape[];
}

// Both ends as the mutation read them (a WRITE-only key sees its own mutation's rows, payload.ts).
const LabelOnTaskPayload = builder.objectRef<LinkResult>('LabelOnTaskPayload').implement({
  fields: (t) => ({
    task: t.field({ type: Task, resolve: (p, _args, ctx) => ctx.loaders.written('Task', p.task) as never }),
    label: t.field({ type: Label, resolve: (p, _args, ctx) => ctx.loaders.written('Label', p.label) as never }),
    userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
  }),
});

const LabelOnTaskInput = builder.inputType('LabelOnTaskInput', {
  fields: (t) => ({ taskId: t.id({ required: true }), labelId: t.id({ required: true }) }),
});

type Ends = Awaited<ReturnType<typeof ends>>;

/** Both ends in the active org, or NOT_FOUND (another org's look exactly like missing ones). */
async function ends(ctx: Context, input: { taskId: string; labelId: string }) {
  const task = await ctx.session.db.task.findUnique({ where: { id: idOfType(input.taskId, 'Task') } });
  if (!task) throw apiError('NOT_FOUND', 'Task not found.');
  return { task, label: await labelInOrg(ctx, input.labelId) };
}

/**
 * A mutation changing one link between the two ends: both in the active org
 * (else NOT_FOUND, as for missing ones, and for an end deleted meanwhile), the
 * change, audited when it changed a row.
 */
function linkMutation(
  name: string,
  description: string,
  action: string,
  change: (session: TenantSession, ends: Ends) => Promise<number>,
) {
  builder.mutationField(name, (t) =>
    t.field({
      type: LabelOnTaskPayload,
      description: `Members, or API keys with WRITE. ${description}`,
      authScopes: writeScopes,
      args: { input: t.arg({ type: LabelOnTaskInput, required: true }) },
      resolve: async (_root, { input }, ctx): Promise<LinkResult> => {
        const found = await ends(ctx, input);
        const { session } = ctx;
        const { task } = found;
        try {
          await session.atomically(async () => {
            if (await change(session, found)) {
              await recordAuditEvent(session, task.orgId, { action, targetType: 'Task', targetId: task.id });
            }
          });
        } catch (error) {
          if (isForeignKeyViolation(error)) throw apiError('NOT_FOUND', 'Task or label not found.');
          throw error;
        }
        return { ...found, userErrors: [] };
      },
    }),
  );
}

linkMutation(
  'attachLabelToTask',
  'Attaching an attached label changes nothing.',
  'label.attached',
  async (session, { task, label }) =>
    (
      await session.db.taskLabel.createMany({
        data: [{ orgId: task.orgId, taskId: task.id, labelId: label.id }],
        skipDuplicates: true,
      })
    ).count,
);

linkMutation(
  'detachLabelFromTask',
  'Detaching a label that is not attached changes nothing.',
  'label.detached',
  async (session, { task, label }) =>
    (await session.db.taskLabel.deleteMany({ where: { taskId: task.id, labelId: label.id } })).count,
);
