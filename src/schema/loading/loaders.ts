// A request's loaders: rows by id, and pages of a relation for many parents,
// each batched into one query per kind and level of the document, whatever
// the page sizes (design.md: a page's SQL is bounded by the page). All of them
// read through the session's org-bound client, so both walls apply.
//  - By id: `WHERE id IN (...)`, the id list padded to a power of two, so a
//    connection prepares a bounded number of statement texts whatever the
//    batch sizes.
//  - Pages: one query on the parents, each parent's page a LATERAL subquery
//    with its own ORDER BY ... LIMIT (Prisma's relation joins), and its count
//    with it, so a page reads the rows it shows and counts by index; only the
//    columns the selection asks for are read.
//  - A page's to-one relations: by id, for all its rows at once (one query per
//    relation), or, for a relation a key keeps visible wherever its row is
//    (ToOne.joined: a membership's user), in the page's own query. Measured:
//    joining a member's user saves a query; joining a task's assignee (400
//    rows) cost PostgreSQL 3 ms and Prisma more than the query it saves.
//  - Rows a mutation wrote are kept as read (`written`): its payload answers
//    without reading them again.
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { apiError } from '../../errors.js';
import { delegateName, type ModelName } from '../../tenancy/org-scope.js';
import type { TenantSession } from '../../tenancy/session.js';
import { connectionSelection, fullSelect, selectFor } from './columns.js';
import { modelType, type ToOne } from './model-types.js';
import { connectionOf, pageFor, POSITION_COLUMNS, type Connection, type PageArgs, type Positioned } from './pages.js';

type Row = Record<string, unknown> & { id: string };

interface Delegate {
  findMany(args: object): Promise<Row[]>;
}

/** A relation's pages, for a connection field (see relatedConnection in schema/model.ts). */
export interface RelationPages {
  /** The node type's name (its columns are registered, see columns.ts). */
  readonly typeName: string;
  readonly parent: ModelName;
  /** The relation field on the parent model, e.g. `tasks` on Project. */
  readonly relation: string;
  /**
   * Many-to-many: `relation` lists the parent's links (rows of a join model),
   * each naming its node in this relation field, e.g. `label` on TaskLabel.
   * The page is ordered by when each link was made; its cursors are the links'.
   */
  readonly through?: string;
  /** A filter from the field's own arguments (e.g. status). */
  readonly where?: (args: Record<string, unknown>) => object | undefined;
}

const MAX_BATCH = 256;

/** Where a page's rows keep their relations, loaded for the whole page at once. */
const RELATED = Symbol('related');
type WithRelated = { [RELATED]?: Record<string, unknown> };

/** `ids` padded (repeating the last) to the next power of two. */
export function paddedIds(ids: readonly string[]): string[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  const padded = [...ids];
  while (padded.length < size) padded.push(ids[ids.length - 1]!);
  return padded;
}

const forbidden = () => apiError('FORBIDDEN', "Not allowed for your role or your API key's scopes.");

/** The joined relations (see ToOne.joined) of `typeName` that `fields` asks for, as a nested select. */
function joinedSelect(typeName: string, fields: ReadonlySet<string>): Record<string, { select: object }> {
  const select: Record<string, { select: object }> = {};
  for (const [field, relation] of Object.entries(modelType(typeName).relations)) {
    if (relation.joined && fields.has(field)) select[relation.joined] = { select: fullSelect(relation.type) };
  }
  return select;
}

function and(...filters: (object | undefined)[]): object | undefined {
  const present = filters.filter((f): f is object => !!f);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { AND: present };
}

export class Loaders {
  readonly #session: TenantSession;
  readonly #byId = new Map<string, DataLoader<string, Row | null>>();
  readonly #pages = new Map<FieldNode, DataLoader<string, Connection<Row>>>();
  #viewerMemberships: DataLoader<string, Row | null> | null = null;

  constructor(session: TenantSession) {
    this.#session = session;
    // A mutation's writes make what was loaded before them stale.
    session.onWrite(() => {
      this.#byId.clear();
      this.#pages.clear();
      this.#viewerMemberships = null;
    });
  }

  #delegate(model: ModelName): Delegate {
    return (this.#session.db as unknown as Record<string, Delegate>)[delegateName(model)]!;
  }

  /** The row of `model` (shown as `typeName`) with this id, if the request may see it. */
  byId<T = Row>(typeName: string, model: ModelName, id: string): Promise<T | null> {
    return this.#loader(typeName, model).load(id) as Promise<T | null>;
  }

  #loader(typeName: string, model: ModelName): DataLoader<string, Row | null> {
    let loader = this.#byId.get(typeName);
    if (!loader) {
      const select = fullSelect(typeName);
      const trail = model === 'AuditEvent';
      loader = new DataLoader(
        async (ids) => {
          if (trail) await this.#session.flushAudit();
          const rows = await this.#delegate(model).findMany({ where: { id: { in: paddedIds(ids) } }, select });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: MAX_BATCH },
      );
      this.#byId.set(typeName, loader);
    }
    return loader;
  }

  /**
   * The row of `typeName` with this id: null when it does not exist or the
   * caller may not see it (another org's looks exactly like a missing one),
   * FORBIDDEN when they see it but their role or key's scopes do not allow it.
   */
  async readable<T = Row>(typeName: string, id: string | null | undefined): Promise<T | null> {
    if (!id) return null;
    const type = modelType(typeName);
    const session = this.#session;
    // An anonymous caller sees no row: answered without a database.
    if (!session.user && !session.apiKey) return null;
    const row = await this.byId(typeName, type.model, id);
    if (!row) return null;
    const orgId = (row as { orgId?: string }).orgId;
    if (orgId !== undefined && orgId !== session.org?.id) return null;
    if (!type.readable(session, row as never)) throw forbidden();
    return row as T;
  }

  /** The relation `field` of `row`: loaded with its page when it came in one, else by id (batched). */
  related(row: Record<string, unknown>, field: string, relation: ToOne): unknown {
    const loaded = (row as WithRelated)[RELATED];
    if (loaded && field in loaded) return loaded[field];
    if (relation.when && !relation.when(this.#session, row)) return null;
    return this.readable(relation.type, row[relation.via] as string | null);
  }

  /**
   * Loads the to-one relations of `typeName` that `fields` asks for, for all
   * `rows` at once, so each row's field then answers without waiting. A value
   * the caller may not read stays its error, at that row's field.
   */
  async preload(typeName: string, rows: Record<string, unknown>[], fields: ReadonlySet<string>) {
    const { relations } = modelType(typeName);
    const session = this.#session;
    const asked = Object.entries(relations).filter(([field]) => fields.has(field));
    await Promise.all(
      asked.map(async ([field, relation]) => {
        const joined = relation.joined;
        if (joined && rows.every((row) => joined in row)) return this.#takeJoined(rows, field, relation, joined);
        const shown = (row: Record<string, unknown>) => !relation.when || relation.when(session, row);
        const ids = [...new Set(rows.filter(shown).map((row) => row[relation.via] as string | null))].filter(
          (id): id is string => !!id,
        );
        const values = await Promise.all(
          ids.map((id) => this.readable(relation.type, id).catch((error: Error) => error)),
        );
        const byId = new Map(ids.map((id, i) => [id, values[i]]));
        for (const row of rows) {
          const value = shown(row) ? (byId.get(row[relation.via] as string) ?? null) : null;
          ((row as WithRelated)[RELATED] ??= {})[field] = value;
        }
      }),
    );
  }

  /** A joined relation's rows, read with the page: each checked as a lookup by id would be, and kept for later lookups. */
  #takeJoined(rows: Record<string, unknown>[], field: string, relation: ToOne, joined: string) {
    const type = modelType(relation.type);
    for (const row of rows) {
      const value = relation.when && !relation.when(this.#session, row) ? null : ((row[joined] ?? null) as Row | null);
      let shown: unknown = value;
      if (value) {
        this.#loader(relation.type, type.model).prime(value.id, value);
        if (!type.readable(this.#session, value as never)) shown = forbidden();
      }
      ((row as WithRelated)[RELATED] ??= {})[field] = shown;
    }
  }

  /**
   * A row a mutation just wrote (with every column), as a lookup by id reads it
   * (its type's columns only), kept for later lookups: its payload needs no query.
   */
  written(typeName: string, row: Row): Row {
    const columns = Object.keys(fullSelect(typeName));
    const read = Object.fromEntries(columns.map((column) => [column, row[column]])) as Row;
    this.#loader(typeName, modelType(typeName).model).clear(row.id).prime(row.id, read);
    return read;
  }

  /** The signed-in user's own membership in `orgId`, whichever org is active (cross-tenant). */
  viewerMembership<T = Row>(orgId: string): Promise<T | null> {
    this.#viewerMemberships ??= new DataLoader(
      async (orgIds) => {
        const rows = (await this.#session.crossTenant.listViewerMemberships({
          where: { orgId: { in: paddedIds(orgIds) } },
          select: fullSelect('Membership'),
        })) as unknown as (Row & { orgId: string })[];
        const byOrg = new Map(rows.map((row) => [row.orgId, row]));
        return orgIds.map((id) => byOrg.get(id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    );
    return this.#viewerMemberships.load(orgId) as Promise<T | null>;
  }

  /** The page of `spec`'s relation under the parent with this id, for the field `info` resolves. */
  page<T>(
    spec: RelationPages,
    parentId: string,
    args: PageArgs & Record<string, unknown>,
    info: GraphQLResolveInfo,
  ): Promise<Connection<T>> {
    const node = info.fieldNodes[0]!;
    let loader = this.#pages.get(node);
    if (!loader) {
      // Every parent at this position shares the field's arguments and selection.
      const page = pageFor(args);
      const selection = connectionSelection(info);
      const filter = spec.where?.(args);
      const through = spec.through;
      const nodeSelect = {
        ...selectFor(spec.typeName, selection.nodeFields, selection.cursors && !through ? POSITION_COLUMNS : []),
        ...joinedSelect(spec.typeName, selection.nodeFields),
      };
      const relation = {
        where: and(filter, page.query.where),
        orderBy: page.query.orderBy,
        take: page.query.take,
        select: through ? { id: true, createdAt: true, [through]: { select: nodeSelect } } : nodeSelect,
      };
      const nodeOf = through ? (link: Positioned & Row) => link[through] as Row : undefined;
      const select = {
        id: true,
        ...(selection.rows ? { [spec.relation]: relation } : {}),
        ...(selection.totalCount ? { _count: { select: { [spec.relation]: filter ? { where: filter } : true } } } : {}),
      };
      // Audit rows wait for COMMIT (TenantSession.recordAudit): written before the trail is read.
      const trail = spec.typeName === 'AuditEvent';
      loader = new DataLoader(
        async (parentIds) => {
          if (trail) await this.#session.flushAudit();
          const parents = await this.#delegate(spec.parent).findMany({
            where: { id: { in: paddedIds(parentIds) } },
            relationLoadStrategy: 'join',
            select,
          });
          const byId = new Map(parents.map((p) => [p.id, p]));
          const rowsByParent = parentIds.map((id) => (byId.get(id)?.[spec.relation] ?? []) as (Positioned & Row)[]);
          const rows = rowsByParent.flat();
          await this.preload(spec.typeName, nodeOf ? rows.map(nodeOf) : rows, selection.nodeFields);
          return parentIds.map((id, i) => {
            const counts = byId.get(id)?._count as Record<string, number> | undefined;
            return connectionOf(page, rowsByParent[i]!, counts?.[spec.relation] ?? 0, nodeOf);
          });
        },
        { maxBatchSize: MAX_BATCH },
      );
      this.#pages.set(node, loader);
    }
    return loader.load(parentId) as Promise<Connection<T>>;
  }
}
