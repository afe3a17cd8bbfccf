// Mutation payloads. Business-rule failures of an allowed mutation are data
// (contract.graphql, "Errors"): a payload's userErrors, with the entity field null.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import { encodeGlobalID } from '../lib/global-id.js';
import { builder } from './builder.js';

export interface UserErrorShape {
  code: string;
  message: string;
  field?: string[];
}

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable machine-readable code, e.g. SLUG_TAKEN, LAST_ADMIN, INVITATION_EXPIRED.',
    }),
    message: t.exposeString('message'),
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, e.g. ["input", "slug"].',
    }),
  }),
});

export function userError(code: string, message: string, field?: string[]): UserErrorShape {
  return { code, message, ...(field ? { field } : {}) };
}

/** Validates a mutation input: the parsed value, or INVALID_INPUT errors naming each field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.infer<S>; errors: null } | { data: null; errors: UserErrorShape[] } {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data, errors: null };
  return {
    data: null,
    errors: result.error.issues.map((issue) =>
      userError('INVALID_INPUT', issue.message, ['input', ...issue.path.map(String)]),
    ),
  };
}

/** What a mutation resolver returns: the id of the row it acted on (null with userErrors). */
export interface MutationResult {
  id: string | null;
  userErrors: UserErrorShape[];
}

type PayloadModel = 'ApiKey' | 'Membership' | 'Project' | 'Task';

/**
 * A `{ <field>: <model>, userErrors }` payload: the row is read again in the
 * request's org scope, with the query the selection asks for.
 */
export function entityPayload(name: string, field: string, model: PayloadModel) {
  const delegate = `${model[0]!.toLowerCase()}${model.slice(1)}` as 'apiKey' | 'membership' | 'project' | 'task';
  return builder.objectRef<MutationResult>(name).implement({
    fields: (t) => ({
      [field]: t.prismaField({
        type: model as 'Project',
        nullable: true,
        resolve: (query, p, _args, ctx) =>
          p.id
            ? (ctx.db.client[delegate] as Prisma.ProjectDelegate).findUnique({ ...query, where: { id: p.id } })
            : null,
      }),
      userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
    }),
  });
}

/** A payload naming, by global id, what a mutation removed (e.g. deletedProjectId). */
export function removedPayload(name: string, field: string, typename: string) {
  return builder.objectRef<MutationResult>(name).implement({
    fields: (t) => ({
      [field]: t.id({
        nullable: true,
        resolve: (p) => (p.id ? encodeGlobalID(typename, p.id) : null),
      }),
      userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
    }),
  });
}
