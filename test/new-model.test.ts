// npm run new:model on a copy of this checkout, for a model the repository
// doesn't have (one that belongs to a project): what it writes compiles, builds
// the database its model describes, passes the tenancy check, is covered by
// the cross-tenant harness, and passes its own test. (Labels are the
// generator's other shape, many-to-many, on main itself.)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'orgraph-new-model-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (command: string, args: string[]) =>
  execFileSync(command, args, {
    cwd: copy,
    encoding: 'utf8',
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'test', NO_COLOR: '1', FORCE_COLOR: '0' },
  });

test('a generated model compiles and passes the checks, the harness and its own test', { timeout: 600_000 }, () => {
  for (const entry of [
    'src',
    'prisma',
    'scripts',
    'test',
    'package.json',
    'tsconfig.json',
    'vitest.config.ts',
    'codegen.ts',
    'prisma.config.ts',
    '.prettierrc.json',
  ]) {
    cpSync(join(root, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));

  const wrote = run('npx', [
    'tsx',
    'scripts/new-model.ts',
    'Milestone',
    '--fields',
    'title:String dueAt:DateTime? points:Int done:Boolean',
    '--belongs-to',
    'Project',
  ]);
  expect(wrote).toContain('src/schema/milestone.ts');
  expect(readFileSync(join(copy, 'schema.graphql'), 'utf8')).toMatch(
    /createMilestone\(input: CreateMilestoneInput!\): MilestonePayload!/,
  );
  expect(existsSync(join(copy, 'test/factories/milestone.ts'))).toBe(true);

  run('npx', ['tsc', '-p', '.']);
  const tests = run('npx', [
    'vitest',
    'run',
    'test/milestones.test.ts',
    'test/schema-agreement.test.ts',
    'test/tenancy-check.test.ts',
    'test/cross-tenant.test.ts',
  ]);
  expect(tests).toMatch(/Test Files\s+\S*4 passed/);
});
