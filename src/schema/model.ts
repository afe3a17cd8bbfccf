// Model-backed GraphQL types, and the relations between them, in one shape for
// every model (design.md, tenancy; docs/adding-a-model.md):
//  - a node type, loadable by global id through the request's loaders (so
//    through the org-bound client: both walls), with a rule saying who may read
//    a row of it, checked wherever a row is reached by id: node/nodes and
//    to-one relations. Rows of a connection are gated once by the connection
//    field's own scopes;
//  - to-one relations, batched by id;
//  - connections of a parent's relation, one query per document position.
import type { ArgBuilder } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import type { ModelName } from '../tenancy/org-scope.js';
import type { TenantSession } from '../tenancy/session.js';
import { builder, type SchemaTypes } from './builder.js';
import { registerColumns } from './loading/columns.js';
import type { RelationPages } from './loading/loaders.js';
import type { PageArgs, Positioned } from './loading/pages.js';

/**
 * Who may read a row reached by id, once the walls let the caller see it at
 * all. A row of an org-owned model is seen only in the active organization;
 * a row seen but not allowed is FORBIDDEN (contract.graphql, "Errors").
 */
export type ReadRule<Row> = (session: TenantSession, row: Row) => boolean;

/** Members of the active organization and any of its API keys. */
export const orgData: ReadRule<unknown> = (s) => !!s.org?.membership || !!s.apiKey;

/** Members of the active organization and its READ API keys. */
export const orgReadable: ReadRule<unknown> = (s) => !!s.org?.membership || !!s.apiKey?.scopes.includes('READ');

/** Members of the active organization only. */
export const orgMembersOnly: ReadRule<unknown> = (s) => !!s.org?.membership;

/** Admins of the active organization only. */
export const orgAdminsOnly: ReadRule<unknown> = (s) => s.org?.membership?.role === 'ADMIN';

/** Rows whose visibility the walls decide alone (users, organizations). */
export const visibleWhenLoaded: ReadRule<unknown> = () => true;

interface ModelType<Row> {
  name: string;
  model: ModelName;
  readable: ReadRule<Row>;
}

const modelTypes = new Map<string, ModelType<never>>();

export interface ModelNodeOptions<Row> {
  model: ModelName;
  description?: string;
  readable: ReadRule<Row>;
  /** Columns loaded whatever is asked: what `readable` reads (the id always is). */
  always?: readonly (keyof Row & string)[];
  /** Columns of fields not named like one (e.g. `assignee: ['assigneeId']`). */
  columns?: Record<string, readonly (keyof Row & string)[]>;
  fields: Parameters<ReturnType<typeof builder.objectRef<Row>>['implement']>[0]['fields'];
}

type ModelTypeName = keyof SchemaTypes['Objects'] & string;

/** A node type over `model`'s rows. */
export function modelNode<Name extends ModelTypeName>(name: Name, options: ModelNodeOptions<SchemaTypes['Objects'][Name]>) {
  type Row = SchemaTypes['Objects'][Name];
  registerColumns(name, options.model, { always: ['id', ...(options.always ?? [])], fields: options.columns ?? {} });
  modelTypes.set(name, { name, model: options.model, readable: options.readable as ReadRule<never> });
  const ref = builder.objectRef<Row>(name);
  builder.node(ref, {
    description: options.description,
    id: { resolve: (row) => row.id },
    // The loaders cache per request (and drop it after writes); relay need not.
    // Each id on its own: one a caller may not read fails alone, at its place in
    // nodes(ids) (an Error as a value is that item's error).
    loadManyWithoutCache: (ids, ctx) =>
      Promise.all(ids.map((id) => loadReadable<Row>(ctx, name, id).catch((error: Error) => error as never))),
    fields: options.fields,
  });
  return ref;
}

/**
 * The row of `typeName` with this id: null when it does not exist or the
 * caller may not see it (another org's looks exactly like a missing one),
 * FORBIDDEN when they see it but their role or key's scopes do not allow it.
 */
export async function loadReadable<Row>(ctx: Context, typeName: string, id: string | null | undefined) {
  if (!id) return null;
  const type = modelTypes.get(typeName) as ModelType<Row> | undefined;
  if (!type) throw new Error(`${typeName} is not a model type`);
  const { session } = ctx;
  // An anonymous caller sees no row: answered without a database.
  if (!session.user && !session.apiKey) return null;
  const row = await ctx.loaders.byId<Row>(typeName, type.model, id);
  if (!row) return null;
  const orgId = (row as { orgId?: string }).orgId;
  if (orgId !== undefined && orgId !== session.org?.id) return null;
  if (!type.readable(session, row)) throw apiError('FORBIDDEN', "Not allowed for your role or your API key's scopes.");
  return row;
}

/** A connection over a relation of the parent row, e.g. Project.tasks (of `Node` rows). */
export function relatedConnectionResolver<Node extends Positioned>(spec: RelationPages) {
  return (parent: { id: string }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
    ctx.loaders.page<Node>(spec, parent.id, args as PageArgs & Record<string, unknown>, info);
}

/** The standard connection arguments. */
export const pageArgs = (t: { arg: ArgBuilder<SchemaTypes> }) => ({
  first: t.arg.int(),
  after: t.arg.string(),
  last: t.arg.int(),
  before: t.arg.string(),
});
