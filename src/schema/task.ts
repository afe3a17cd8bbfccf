import { z } from 'zod';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { TaskStatus as Status } from '../generated/prisma/enums.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isForeignKeyViolation, isRecordNotFound } from '../lib/database-errors.js';
import { idOfType } from '../lib/global-id.js';
import { builder } from './builder.js';
import { modelNode, orgReadable, pageArgs, readScopes, relatedConnectionResolver, writeScopes } from './model.js';
import { memberLock } from './membership.js';
import { Project, projectInOrg } from './project.js';
import { entityPayload, parseInput, removedPayload, userError, type MutationResult } from './payload.js';

export const TaskStatus = builder.enumType(Status, { name: 'TaskStatus' });

export const Task = modelNode('Task', {
  model: 'Task',
  // Members and READ keys; a WRITE key sees only what its own mutation wrote (payload.ts).
  readable: orgReadable,
  relations: {
    project: { type: 'Project', via: 'projectId' },
    // The composite key to memberships keeps the assignee a member of this
    // org, so they are visible here.
    assignee: { type: 'User', via: 'assigneeId', nullable: true },
  },
  fields: (t) => ({
    title: t.exposeString('title'),
    status: t.expose('status', { type: TaskStatus }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const TaskConnection = builder.connectionObject({ type: Task, name: 'TaskConnection' });

builder.objectField(Project, 'tasks', (t) =>
  t.field({
    type: TaskConnection,
    description: 'Newest first. Members and READ API keys.',
    authScopes: readScopes,
    args: { ...pageArgs(t), status: t.arg({ type: TaskStatus }) },
    resolve: relatedConnectionResolver({
      typeName: 'Task',
      parent: 'Project',
      relation: 'tasks',
      where: (args) => (args.status ? { status: args.status } : undefined),
    }),
  }),
);

const TaskPayload = entityPayload('TaskPayload', 'task', 'Task');

const taskTitle = z
  .string()
  .trim()
  .min(1, 'Title must not be empty')
  .max(500, 'Title must have at most 500 characters');

const NOT_A_MEMBER = userError('ASSIGNEE_NOT_MEMBER', 'The assignee must be a member of this organization.', [
  'input',
  'assigneeId',
]);

/**
 * The user id behind `assigneeId` if they are a member of the active org; null
 * otherwise (a user of another org looks exactly like one that doesn't exist).
 */
async function memberUserId(ctx: Context, assigneeId: string): Promise<string | null> {
  const userId = idOfType(assigneeId, 'User');
  // Until this request ends, the member can't be removed under the assignment (see memberLock).
  await ctx.session.lock(memberLock(ctx.session.org!.id, userId));
  const membership = await ctx.session.db.membership.findFirst({ where: { userId }, select: { userId: true } });
  return membership?.userId ?? null;
}

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  fields: (t) => ({
    projectId: t.id({ required: true }),
    title: t.string({ required: true }),
    status: t.field({ type: TaskStatus, defaultValue: 'TODO' }),
    assigneeId: t.id({ description: 'Must be a member of the same organization.' }),
  }),
});

builder.mutationField('createTask', (t) =>
  t.field({
    type: TaskPayload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: CreateTaskInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const project = await projectInOrg(ctx, input.projectId);
      const parsed = parseInput(z.object({ title: taskTitle }), { title: input.title });
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const assigneeId = input.assigneeId ? await memberUserId(ctx, input.assigneeId) : null;
      if (input.assigneeId && !assigneeId) return { id: null, userErrors: [NOT_A_MEMBER] };
      const { session } = ctx;
      try {
        return await session.atomically(async () => {
          const task = await session.db.task.create({
            data: {
              orgId: project.orgId,
              projectId: project.id,
              title: parsed.data.title,
              status: input.status ?? 'TODO',
              assigneeId,
            },
          });
          await recordAuditEvent(session, project.orgId, {
            action: 'task.created',
            targetType: 'Task',
            targetId: task.id,
          });
          return { id: task.id, row: task, userErrors: [] };
        });
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        return { id: null, userErrors: [NOT_A_MEMBER] };
      }
    },
  }),
);

const UpdateTaskInput = builder.inputType('UpdateTaskInput', {
  fields: (t) => ({
    taskId: t.id({ required: true }),
    title: t.string(),
    status: t.field({ type: TaskStatus }),
    assigneeId: t.id({ description: 'null unassigns the task.' }),
  }),
});

builder.mutationField('updateTask', (t) =>
  t.field({
    type: TaskPayload,
    description: 'Members, or API keys with WRITE. An absent field stays as it is; assigneeId null unassigns.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: UpdateTaskInput, required: true }) },
    // Written without reading the task first (one round trip less): the update
    // itself finds it in the active org or reports it missing.
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const taskId = idOfType(input.taskId, 'Task');
      const parsed = parseInput(z.object({ title: taskTitle.nullish() }), { title: input.title });
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const data: Prisma.TaskUncheckedUpdateInput = {};
      if (parsed.data.title != null) data.title = parsed.data.title;
      if (input.status != null) data.status = input.status;
      if (input.assigneeId !== undefined) {
        data.assigneeId = input.assigneeId === null ? null : await memberUserId(ctx, input.assigneeId);
        if (input.assigneeId !== null && !data.assigneeId) return { id: null, userErrors: [NOT_A_MEMBER] };
      }
      if (Object.keys(data).length === 0) {
        const task = await taskInOrg(ctx, input.taskId);
        return { id: task.id, row: task, userErrors: [] };
      }
      const { session } = ctx;
      try {
        return await session.atomically(async () => {
          const row = await session.db.task.update({ where: { id: taskId }, data });
          await recordAuditEvent(session, row.orgId, { action: 'task.updated', targetType: 'Task', targetId: taskId });
          return { id: taskId, row, userErrors: [] };
        });
      } catch (error) {
        if (isRecordNotFound(error)) throw apiError('NOT_FOUND', 'Task not found.');
        if (!isForeignKeyViolation(error)) throw error;
        return { id: null, userErrors: [NOT_A_MEMBER] };
      }
    },
  }),
);

/** The active org's task with this global id, or NOT_FOUND. */
async function taskInOrg(ctx: Context, globalId: string) {
  const task = await ctx.session.db.task.findUnique({ where: { id: idOfType(globalId, 'Task') } });
  if (!task) throw apiError('NOT_FOUND', 'Task not found.');
  return task;
}

const TaskRefInput = builder.inputType('TaskRefInput', {
  fields: (t) => ({ taskId: t.id({ required: true }) }),
});

const DeleteTaskPayload = removedPayload('DeleteTaskPayload', 'deletedTaskId', 'Task');

builder.mutationField('deleteTask', (t) =>
  t.field({
    type: DeleteTaskPayload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: TaskRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const taskId = idOfType(input.taskId, 'Task');
      const { session } = ctx;
      return session.atomically(async () => {
        const deleted = await session.db.task.deleteMany({ where: { id: taskId } });
        if (deleted.count === 0) throw apiError('NOT_FOUND', 'Task not found.');
        await recordAuditEvent(session, session.org!.id, {
          action: 'task.deleted',
          targetType: 'Task',
          targetId: taskId,
        });
        return { id: taskId, userErrors: [] };
      });
    },
  }),
);
