// The two tenancy walls (design.md), each sufficient alone. A deployed server
// always runs both: turning one off is for tests and the benchmark, and only
// through code (createServer's options, `npm run serve:walls`), never through
// the environment of `npm start`.
export const WALL_SETTINGS = ['both', 'app-only', 'rls-only', 'none'] as const;
export type Walls = (typeof WALL_SETTINGS)[number];

/** The org-scope Prisma extension (tenancy/org-scope.ts). */
export const hasAppWall = (walls: Walls) => walls === 'both' || walls === 'app-only';
/** Row-level security: the tenant role and its per-transaction settings. */
export const hasRlsWall = (walls: Walls) => walls === 'both' || walls === 'rls-only';
