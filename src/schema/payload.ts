// Mutation payloads. Business-rule failures of an allowed mutation are data
// (contract.graphql, "Errors"): a payload's userErrors, with the entity field null.
import type { z } from 'zod';
import { describeCodes, USER_ERROR_CODES, type UserErrorCode } from '../error-codes.js';
import { encodeGlobalID } from '../lib/global-id.js';
import { builder } from './builder.js';
import { loadReadable, type ModelTypeName } from './model.js';

export interface UserErrorShape {
  code: string;
  message: string;
  field?: string[];
}

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  fields: (t) => ({
    code: t.exposeString('code', {
      description: describeCodes('Stable machine-readable code, one of:', USER_ERROR_CODES),
    }),
    message: t.exposeString('message'),
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, e.g. ["input", "slug"].',
    }),
  }),
});

export function userError(code: UserErrorCode, message: string, field?: string[]): UserErrorShape {
  // The documented set is the whole set (src/error-codes.ts); the type says so too.
  if (!(code in USER_ERROR_CODES)) throw new Error(`undocumented UserError code ${code}`);
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
  /** The row as the mutation wrote it (all its columns): the payload answers from it. */
  row?: { id: string } & Record<string, unknown>;
}

/**
 * A `{ <field>: <type>, userErrors }` payload: the row the mutation wrote when
 * it returned it (no query; its own fields even for a caller who may write but
 * not read, such as a WRITE-only API key, so it can be changed next, while its
 * relations follow the read rules), else the row as a lookup by id with the
 * caller's rights sees it after the writes.
 */
export function entityPayload(name: string, field: string, typeName: ModelTypeName) {
  return builder.objectRef<MutationResult>(name).implement({
    fields: (t) => ({
      [field]: t.field({
        type: typeName,
        nullable: true,
        resolve: (p, _args, ctx) =>
          (p.row ? ctx.loaders.written(typeName, p.row) : loadReadable(ctx, typeName, p.id)) as never,
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
