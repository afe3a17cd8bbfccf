import { z } from 'zod';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isRecordNotFound } from '../lib/database-errors.js';
import { idOfType } from '../lib/global-id.js';
import { builder } from './builder.js';
import { modelNode, orgReadable, writeScopes } from './model.js';
import { organizationConnection } from './organization.js';
import { entityPayload, parseInput, removedPayload, type MutationResult } from './payload.js';

export const Project = modelNode('Project', {
  model: 'Project',
  // Members and READ keys; a WRITE key sees only what its own mutation wrote (payload.ts).
  readable: orgReadable,
  // A user is visible inside an org they belong to: a creator who has left shows as null.
  relations: { createdBy: { type: 'User', via: 'createdById', nullable: true } },
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const ProjectConnection = builder.connectionObject({ type: Project, name: 'ProjectConnection' });

organizationConnection('projects', {
  type: ProjectConnection,
  description: 'Members and READ API keys, newest first.',
  scope: 'activeOrg',
  pages: { typeName: 'Project', parent: 'Organization', relation: 'projects' },
});

/** The active org's project with this global id, or NOT_FOUND. */
export async function projectInOrg(ctx: Context, globalId: string) {
  const project = await ctx.session.db.project.findUnique({ where: { id: idOfType(globalId, 'Project') } });
  if (!project) throw apiError('NOT_FOUND', 'Project not found.');
  return project;
}

const ProjectPayload = entityPayload('ProjectPayload', 'project', 'Project');

const projectName = z
  .string()
  .trim()
  .min(1, 'Name must not be empty')
  .max(200, 'Name must have at most 200 characters');
// An empty description clears it.
const projectDescription = z
  .string()
  .trim()
  .max(10_000, 'Description must have at most 10000 characters')
  .transform((d) => d || null);

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string() }),
});

builder.mutationField('createProject', (t) =>
  t.field({
    type: ProjectPayload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const parsed = parseInput(z.object({ name: projectName, description: projectDescription.nullish() }), input);
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const { session } = ctx;
      const orgId = session.org!.id;
      return session.atomically(async () => {
        const project = await session.db.project.create({
          data: {
            orgId,
            name: parsed.data.name,
            description: parsed.data.description ?? null,
            createdById: session.user?.id ?? null,
          },
        });
        await recordAuditEvent(session, orgId, {
          action: 'project.created',
          targetType: 'Project',
          targetId: project.id,
        });
        return { id: project.id, row: project, userErrors: [] };
      });
    },
  }),
);

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  fields: (t) => ({ projectId: t.id({ required: true }), name: t.string(), description: t.string() }),
});

builder.mutationField('updateProject', (t) =>
  t.field({
    type: ProjectPayload,
    description:
      'Members, or API keys with WRITE. An absent field stays as it is; a null or empty description clears it.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: UpdateProjectInput, required: true }) },
    // Written without reading the project first: the update finds it in the active org, or reports it missing.
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const id = idOfType(input.projectId, 'Project');
      const parsed = parseInput(z.object({ name: projectName.nullish(), description: projectDescription.nullish() }), {
        name: input.name,
        description: input.description,
      });
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const data = {
        ...(parsed.data.name != null ? { name: parsed.data.name } : {}),
        ...(input.description !== undefined ? { description: parsed.data.description ?? null } : {}),
      };
      if (Object.keys(data).length === 0) {
        const project = await projectInOrg(ctx, input.projectId);
        return { id: project.id, row: project, userErrors: [] };
      }
      const { session } = ctx;
      try {
        return await session.atomically(async () => {
          const row = await session.db.project.update({ where: { id }, data });
          await recordAuditEvent(session, row.orgId, {
            action: 'project.updated',
            targetType: 'Project',
            targetId: id,
          });
          return { id, row, userErrors: [] };
        });
      } catch (error) {
        if (isRecordNotFound(error)) throw apiError('NOT_FOUND', 'Project not found.');
        throw error;
      }
    },
  }),
);

const ProjectRefInput = builder.inputType('ProjectRefInput', {
  fields: (t) => ({ projectId: t.id({ required: true }) }),
});

const DeleteProjectPayload = removedPayload('DeleteProjectPayload', 'deletedProjectId', 'Project');

builder.mutationField('deleteProject', (t) =>
  t.field({
    type: DeleteProjectPayload,
    description: 'Members, or API keys with WRITE. Deletes its tasks with it.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: ProjectRefInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOfType(input.projectId, 'Project');
      const { session } = ctx;
      return session.atomically(async () => {
        const deleted = await session.db.project.deleteMany({ where: { id } });
        if (deleted.count === 0) throw apiError('NOT_FOUND', 'Project not found.');
        await recordAuditEvent(session, session.org!.id, {
          action: 'project.deleted',
          targetType: 'Project',
          targetId: id,
        });
        return { id, userErrors: [] };
      });
    },
  }),
);
