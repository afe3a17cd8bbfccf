// Model-backed GraphQL types, and the relations between them, in one shape for
// every model (design.md, tenancy; docs/adding-a-model.md):
//  - a node type, loadable by global id through the request's loaders (so
//    through the org-bound client: both walls), with a rule saying who may read
//    a row of it, checked wherever a row is reached by id: node/nodes and
//    to-one relations. Rows of a connection are gated once by the connection
//    field's own scopes;
//  - to-one relations, batched by id;
//  - connections of a parent's relation, one query per document position.
import { brandWithType, type ArgBuilder } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { isOrgOwned, type ModelName } from '../tenancy/org-scope.js';
import { builder, type SchemaTypes } from './builder.js';
import { registerColumns } from './loading/columns.js';
import { isModelType, registerModelType, type ReadRule, type ToOne } from './loading/model-types.js';
import { decodeGlobalID } from '../lib/global-id.js';
import type { RelationPages } from './loading/loaders.js';
import type { PageArgs } from './loading/pages.js';

export type { ReadRule } from './loading/model-types.js';

/** Members of the active organization and its READ API keys. */
export const orgReadable: ReadRule<unknown> = (s) => !!s.org?.membership || !!s.apiKey?.scopes.includes('READ');

/** Members of the active organization only. */
export const orgMembersOnly: ReadRule<unknown> = (s) => !!s.org?.membership;

/** Admins of the active organization only. */
export const orgAdminsOnly: ReadRule<unknown> = (s) => s.org?.membership?.role === 'ADMIN';

/** Rows whose visibility the walls decide alone (organizations). */
export const visibleWhenLoaded: ReadRule<unknown> = () => true;

/** Signed-in users (the walls decide which rows), and API keys with READ. */
export const usersAndReadKeys: ReadRule<unknown> = (s) => !!s.user || !!s.apiKey?.scopes.includes('READ');

/** Who may read an organization's own data: members, and API keys with READ. */
export const readScopes = { $any: { orgMember: true, apiKeyScope: 'READ' as const } };

/** Who may change an organization's own data: members, and API keys with WRITE. */
export const writeScopes = { $any: { orgMember: true, apiKeyScope: 'WRITE' as const } };

export interface ModelNodeOptions<Row> {
  model: ModelName;
  description?: string;
  readable: ReadRule<Row>;
  /** Columns a lookup by id loads whatever is asked: what `readable` reads (the id and org always are). */
  always?: readonly (keyof Row & string)[];
  /** Columns of fields not named like one (e.g. `targetId: ['targetId', 'targetType']`). */
  columns?: Record<string, readonly (keyof Row & string)[]>;
  /**
   * To-one relations, each a field of the type: the row of `type` whose id is
   * in `via`, if the caller may read it. A page loads them for all its rows.
   */
  relations?: Record<string, ToOne & { readonly type: ModelTypeName; readonly via: keyof Row & string }>;
  fields: Parameters<ReturnType<typeof builder.objectRef<Row>>['implement']>[0]['fields'];
}

export type ModelTypeName = keyof SchemaTypes['Objects'] & string;

/** A node type over `model`'s rows. */
export function modelNode<Name extends ModelTypeName>(
  name: Name,
  options: ModelNodeOptions<SchemaTypes['Objects'][Name]>,
) {
  type Row = SchemaTypes['Objects'][Name];
  const always = ['id', ...(isOrgOwned(options.model) ? ['orgId'] : []), ...(options.always ?? [])];
  const relations = options.relations ?? {};
  const relationColumns = Object.fromEntries(Object.entries(relations).map(([field, r]) => [field, [r.via]]));
  registerColumns(name, options.model, { always, fields: { ...options.columns, ...relationColumns } });
  registerModelType({ name, model: options.model, readable: options.readable as ReadRule<never>, relations });
  const ref = builder.objectRef<Row>(name);
  builder.node(ref, {
    description: options.description,
    id: { resolve: (row) => row.id },
    fields: (t) => ({
      ...options.fields?.(t),
      ...Object.fromEntries(
        Object.entries(relations).map(([field, relation]) => [
          field,
          t.field({
            type: relation.type,
            nullable: relation.nullable ?? false,
            resolve: (row, _args, ctx) => ctx.loaders.related(row as Record<string, unknown>, field, relation) as never,
          }),
        ]),
      ),
    }),
  });
  return ref;
}

/**
 * The row of `typeName` with this id: null when it does not exist or the
 * caller may not see it (another org's looks exactly like a missing one),
 * FORBIDDEN when they see it but their role or key's scopes do not allow it.
 */
export function loadReadable<Row>(ctx: Context, typeName: string, id: string | null | undefined) {
  return ctx.loaders.readable<Row>(typeName, id);
}

/**
 * The row a global id names, through the request's loaders, branded with its
 * type for the Node interface: null for an id naming no model type (DateTime,
 * Node, constructor...) as for a missing row; FORBIDDEN when the caller may
 * not read it.
 */
async function nodeOf(ctx: Context, globalId: string): Promise<object | null> {
  const { typename, id } = decodeGlobalID(globalId);
  if (!isModelType(typename)) return null;
  const row = await loadReadable<object>(ctx, typename, id);
  if (row) brandWithType(row, typename as never);
  return row;
}

// node(id) and nodes(ids), our own (relay's are off, builder.ts): in nodes,
// each id on its own, one the caller may not read failing alone, at its place.
builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => nodeOf(ctx, String(id)) as never,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, ctx) => ids.map((id) => nodeOf(ctx, String(id)).catch((error: Error) => error)) as never,
  }),
}));

/** A connection over a relation of the parent row, e.g. Project.tasks: a page of `typeName` rows. */
export function relatedConnectionResolver<Name extends ModelTypeName>(spec: RelationPages & { typeName: Name }) {
  return (parent: { id: string }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
    ctx.loaders.page<SchemaTypes['Objects'][Name]>(spec, parent.id, args as PageArgs & Record<string, unknown>, info);
}

/** The standard connection arguments. */
export const pageArgs = (t: { arg: ArgBuilder<SchemaTypes> }) => ({
  first: t.arg.int(),
  after: t.arg.string(),
  last: t.arg.int(),
  before: t.arg.string(),
});
