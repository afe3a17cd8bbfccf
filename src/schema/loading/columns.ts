// Which columns a request reads: each model-backed GraphQL type says which
// columns each of its fields needs (a field named like a column needs that
// column), and a connection selects, per request, only the columns its
// selection asks for. The walk over the selection is done once per document
// position (the parsed document is cached, so a field node is the same object
// on every request), unless a directive depends on the request's variables.
import {
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLSchema,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { scalarFields, type ModelName } from '../../tenancy/org-scope.js';

interface TypeColumns {
  model: ModelName;
  always: readonly string[];
  byField: ReadonlyMap<string, readonly string[]>;
  /** Every column a field of the type needs (see completeColumns). */
  all: readonly string[] | null;
}

const typeColumns = new Map<string, TypeColumns>();

/**
 * Records what `typeName`'s fields read from `model`: a field named like a
 * column reads that column, others list theirs in `fields`; `always` are
 * loaded by every lookup by id whatever is asked (the id, and what the type's
 * read rule reads).
 */
export function registerColumns(
  typeName: string,
  model: ModelName,
  options: { always: readonly string[]; fields: Record<string, readonly string[]> },
) {
  const scalars = scalarFields(model);
  const byField = new Map<string, readonly string[]>();
  for (const column of scalars) byField.set(column, [column]);
  for (const [field, columns] of Object.entries(options.fields)) {
    for (const column of columns) {
      if (!scalars.includes(column)) throw new Error(`${typeName}.${field}: ${model} has no column ${column}`);
    }
    byField.set(field, columns);
  }
  typeColumns.set(typeName, { model, always: options.always, byField, all: null });
}

/**
 * Once the schema is built: what a lookup by id of each type loads, the
 * columns its GraphQL fields need and no others (a key's secret hash stays in
 * the database).
 */
export function completeColumns(schema: GraphQLSchema) {
  for (const [typeName, columns] of typeColumns) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
    const all = new Set(columns.always);
    for (const field of Object.keys(type.getFields()))
      for (const column of columns.byField.get(field) ?? []) all.add(column);
    columns.all = [...all];
  }
}

export type Select = Record<string, true>;

function selectOf(columns: Iterable<string>): Select {
  const select: Select = {};
  for (const column of columns) select[column] = true;
  return select;
}

function columnsOf(typeName: string): TypeColumns {
  const columns = typeColumns.get(typeName);
  if (!columns) throw new Error(`${typeName} has no registered columns`);
  return columns;
}

/** Every column `typeName`'s fields may need: what a lookup by id loads. */
export function fullSelect(typeName: string): Select {
  const { all } = columnsOf(typeName);
  if (!all) throw new Error('completeColumns(schema) has not run');
  return selectOf(all);
}

/**
 * The columns the fields `fieldNames` of `typeName` need, and its id: what a
 * connection reads (its rows are gated by the connection field itself, so the
 * read rule's columns are not needed).
 */
export function selectFor(typeName: string, fieldNames: Iterable<string>, extra: readonly string[] = []): Select {
  const { byField } = columnsOf(typeName);
  const columns = new Set(['id', ...extra]);
  for (const field of fieldNames) for (const column of byField.get(field) ?? []) columns.add(column);
  return selectOf(columns);
}

/** What a connection field's selection asks for. */
export interface ConnectionSelection {
  /** Fields selected on its nodes (through edges.node or nodes). */
  readonly nodeFields: ReadonlySet<string>;
  /** Whether cursors are asked for (edges.cursor or pageInfo). */
  readonly cursors: boolean;
  readonly totalCount: boolean;
  /** Whether anything but totalCount is asked for. */
  readonly rows: boolean;
}

const connectionCache = new WeakMap<FieldNode, ConnectionSelection>();

/** The fields selected on the object (or list items) the field `info` resolves. */
export function objectSelection(info: GraphQLResolveInfo): ReadonlySet<string> {
  return new Set(new SelectionWalk(info).fields(info.fieldNodes).keys());
}

/** The selection of the connection field `info` resolves. */
export function connectionSelection(info: GraphQLResolveInfo): ConnectionSelection {
  const node = info.fieldNodes[0]!;
  const cached = info.fieldNodes.length === 1 ? connectionCache.get(node) : undefined;
  if (cached) return cached;
  const walk = new SelectionWalk(info);
  const top = walk.fields(info.fieldNodes);
  const nodeFields = new Set<string>();
  let cursors = false;
  for (const [name, nodes] of top) {
    if (name === 'edges') {
      for (const [edgeField, edgeNodes] of walk.fields(nodes)) {
        if (edgeField === 'cursor') cursors = true;
        if (edgeField === 'node') for (const field of walk.fields(edgeNodes).keys()) nodeFields.add(field);
      }
    } else if (name === 'nodes') {
      for (const field of walk.fields(nodes).keys()) nodeFields.add(field);
    } else if (name === 'pageInfo') {
      cursors = true;
    }
  }
  const result: ConnectionSelection = {
    nodeFields,
    cursors,
    totalCount: top.has('totalCount'),
    rows: [...top.keys()].some((name) => name !== 'totalCount' && name !== '__typename'),
  };
  if (!walk.variableDependent && info.fieldNodes.length === 1) connectionCache.set(node, result);
  return result;
}

/** Collects selected field names through fragments, honouring @skip and @include. */
class SelectionWalk {
  variableDependent = false;

  constructor(private readonly info: GraphQLResolveInfo) {}

  /** The fields selected under `nodes`, by response name's field name, with their nodes. */
  fields(nodes: readonly FieldNode[]): Map<string, FieldNode[]> {
    const out = new Map<string, FieldNode[]>();
    for (const node of nodes) if (node.selectionSet) this.#collect(node.selectionSet, out, new Set());
    return out;
  }

  #collect(set: SelectionSetNode, out: Map<string, FieldNode[]>, seen: Set<string>) {
    for (const selection of set.selections) {
      if (!this.#included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const list = out.get(selection.name.value) ?? [];
        list.push(selection);
        out.set(selection.name.value, list);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        this.#collect(selection.selectionSet, out, seen);
      } else {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | undefined = this.info.fragments[name];
        if (fragment && !seen.has(name)) {
          seen.add(name);
          this.#collect(fragment.selectionSet, out, seen);
        }
      }
    }
  }

  #included(selection: SelectionSetNode['selections'][number]): boolean {
    for (const directive of selection.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      let value: unknown;
      if (arg?.kind === Kind.BOOLEAN) value = arg.value;
      else if (arg?.kind === Kind.VARIABLE) {
        this.variableDependent = true;
        value = this.info.variableValues[arg.name.value];
      }
      if (name === 'skip' && value === true) return false;
      if (name === 'include' && value !== true) return false;
    }
    return true;
  }
}
