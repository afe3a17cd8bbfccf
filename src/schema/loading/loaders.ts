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
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { ModelName } from '../../tenancy/org-scope.js';
import type { TenantSession } from '../../tenancy/session.js';
import { connectionSelection, fullSelect, selectFor } from './columns.js';
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
  /** A filter from the field's own arguments (e.g. status). */
  readonly where?: (args: Record<string, unknown>) => object | undefined;
}

const MAX_BATCH = 256;

/** `ids` padded (repeating the last) to the next power of two. */
export function paddedIds(ids: readonly string[]): string[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  const padded = [...ids];
  while (padded.length < size) padded.push(ids[ids.length - 1]!);
  return padded;
}

const delegateName = (model: ModelName) => `${model[0]!.toLowerCase()}${model.slice(1)}`;

function and(...filters: (object | undefined)[]): object | undefined {
  const present = filters.filter((f): f is object => !!f);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { AND: present };
}

export class Loaders {
  readonly #session: TenantSession;
  readonly #byId = new Map<string, DataLoader<string, Row | null>>();
  readonly #pages = new Map<FieldNode, DataLoader<string, Connection<Positioned & Row>>>();
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
    let loader = this.#byId.get(typeName);
    if (!loader) {
      const select = fullSelect(typeName);
      loader = new DataLoader(
        async (ids) => {
          const rows = await this.#delegate(model).findMany({ where: { id: { in: paddedIds(ids) } }, select });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: MAX_BATCH },
      );
      this.#byId.set(typeName, loader);
    }
    return loader.load(id) as Promise<T | null>;
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
  page<T extends Positioned>(
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
      const relation = {
        where: and(filter, page.query.where),
        orderBy: page.query.orderBy,
        take: page.query.take,
        select: selectFor(spec.typeName, selection.nodeFields, selection.cursors ? POSITION_COLUMNS : []),
      };
      const select = {
        id: true,
        ...(selection.rows ? { [spec.relation]: relation } : {}),
        ...(selection.totalCount ? { _count: { select: { [spec.relation]: filter ? { where: filter } : true } } } : {}),
      };
      loader = new DataLoader(
        async (parentIds) => {
          const parents = await this.#delegate(spec.parent).findMany({
            where: { id: { in: paddedIds(parentIds) } },
            relationLoadStrategy: 'join',
            select,
          });
          const byId = new Map(parents.map((p) => [p.id, p]));
          return parentIds.map((id) => {
            const parent = byId.get(id) as Record<string, unknown> | undefined;
            const counts = parent?._count as Record<string, number> | undefined;
            return connectionOf(page, (parent?.[spec.relation] ?? []) as (Positioned & Row)[], counts?.[spec.relation] ?? 0);
          });
        },
        { maxBatchSize: MAX_BATCH },
      );
      this.#pages.set(node, loader);
    }
    return loader.load(parentId) as Promise<Connection<T>>;
  }
}
