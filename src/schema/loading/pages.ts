// Connection pages (contract.graphql, "Connections"): newest first, id as
// tie-breaker, keyset cursors. A cursor carries the position itself (the
// row's creation time and id), never a row to look up: a cursor naming
// another organization's row (or a missing one) is just a position among this
// organization's rows, and the page it starts is read with an index range.
import { apiError } from '../../errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Positioned {
  id: string;
  createdAt: Date;
}

export interface Page {
  /** How many rows the page shows. */
  size: number;
  /** Backward (last/before): read oldest first, then reversed. */
  backward: boolean;
  /** Whether a cursor was given on the side the page is read from. */
  fromCursor: boolean;
  /** Prisma arguments reading one more row than the page shows (to tell whether more follow). */
  query: {
    where: object | undefined;
    orderBy: { createdAt?: 'asc' | 'desc'; id?: 'asc' | 'desc' }[];
    take: number;
  };
}

/** The columns a page orders and positions by. */
export const POSITION_COLUMNS = ['id', 'createdAt'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(row: Positioned): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): Positioned {
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  const ms = Number(time);
  if (!id || !UUID.test(id) || !Number.isSafeInteger(ms) || ms < 0) {
    throw apiError('BAD_USER_INPUT', `Invalid cursor: ${JSON.stringify(cursor.slice(0, 100))}`);
  }
  return { createdAt: new Date(ms), id };
}

function pageSize(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw apiError('BAD_USER_INPUT', `${name} must not be negative.`);
  if (value > MAX_PAGE_SIZE) throw apiError('BAD_USER_INPUT', `Page size must be at most ${MAX_PAGE_SIZE}.`);
  return value;
}

/** Rows after `cursor` in newest-first order (older ones), or before it (newer ones). */
function beyond(cursor: Positioned, older: boolean) {
  const op = older ? 'lt' : 'gt';
  const edge = older ? 'lte' : 'gte';
  return {
    AND: [
      { createdAt: { [edge]: cursor.createdAt } },
      { OR: [{ createdAt: { [op]: cursor.createdAt } }, { id: { [op]: cursor.id } }] },
    ],
  };
}

/** Validates connection arguments: BAD_USER_INPUT for a page the contract refuses. */
export function pageFor(args: PageArgs): Page {
  const first = pageSize(args.first, 'first');
  const last = pageSize(args.last, 'last');
  if (first !== null && last !== null) throw apiError('BAD_USER_INPUT', 'Pass first or last, not both.');
  const after = args.after ? decodeCursor(args.after) : null;
  const before = args.before ? decodeCursor(args.before) : null;
  const backward = last !== null || (first === null && before !== null && after === null);
  const size = first ?? last ?? DEFAULT_PAGE_SIZE;
  const bounds = [...(after ? [beyond(after, true)] : []), ...(before ? [beyond(before, false)] : [])];
  const direction = backward ? 'asc' : 'desc';
  return {
    size,
    backward,
    fromCursor: backward ? !!before : !!after,
    query: {
      where: bounds.length === 0 ? undefined : bounds.length === 1 ? bounds[0] : { AND: bounds },
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: size + 1,
    },
  };
}

/** An edge computes its cursor only when asked: from its node, or from the link that reached it (many-to-many). */
class Edge<T> {
  constructor(
    readonly node: T,
    readonly position: Positioned,
  ) {}
  get cursor() {
    return encodeCursor(this.position);
  }
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The connection for the rows `page` read (one more than it shows, when more
 * follow): each row its edge's node, or, through links, the node `nodeOf` it.
 */
export function connectionOf<R extends Positioned, T = R>(
  page: Page,
  rows: R[],
  totalCount: number | undefined,
  nodeOf: (row: R) => T = (row) => row as unknown as T,
): Connection<T> {
  const more = rows.length > page.size;
  const shown = more ? rows.slice(0, page.size) : rows;
  if (page.backward) shown.reverse();
  const edges = shown.map((row) => new Edge(nodeOf(row), row));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.fromCursor : more,
      hasPreviousPage: page.backward ? more : page.fromCursor,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    // Read only when the selection asks for it, and then loaded (see loaders.ts).
    totalCount: totalCount as number,
  };
}
