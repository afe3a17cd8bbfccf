// The cross-tenant harness (test/support/cross-tenant.ts) on the served schema:
// with both walls and with each alone, nothing of organization B's can be
// read, listed or written from A. A new org-owned model is covered as soon as
// its factory exists; a leak planted in one is caught.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { attackFromA, seedTwoOrgs, type AttackOptions, type World } from './support/cross-tenant.js';

/** Id arguments whose name doesn't spell their type. */
const options: AttackOptions = { idTypes: { assigneeId: 'User' } };

describe('two organizations', () => {
  let app: TestApp;
  let world: World;
  beforeAll(async () => {
    app = await createTestApp();
    world = await seedTwoOrgs(app);
  });
  afterAll(() => app?.close());

  test.each(['both', 'app-only', 'rls-only'] as const)('walls=%s: B is out of reach from A', async (walls) => {
    const gql = walls === 'both' ? app.gql : app.withWalls(walls);
    expect(await attackFromA(world, gql, options)).toEqual([]);
  });
});

test('a leak planted in a model is caught: labels without row-level security, the database wall alone', async () => {
  const app = await createTestApp();
  try {
    const world = await seedTwoOrgs(app);
    await app.db.prisma.$executeRawUnsafe('ALTER TABLE "labels" DISABLE ROW LEVEL SECURITY');
    const problems = await attackFromA(world, app.withWalls('rls-only'), options);
    // A caller allowed to write reaches B's label, and the answers give it away
    // (deleted by the first, it is then missing for the rest, as it should be).
    for (const mutation of ['attachLabelToTask', 'deleteLabel']) {
      expect(problems.some((p) => p.startsWith(`${mutation}(input.labelId: B's Label) as admin:`))).toBe(true);
    }
    expect(problems).toContain("B's rows changed while A's callers attacked them");
  } finally {
    await app.close();
  }
});
