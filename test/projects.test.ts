// Projects and tasks: reads and writes for every kind of caller, validation,
// assignees, and nested connections folded into a constant number of statements.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { graphql } from './generated/gql.js';
import { codeOf, createTestApp, type CallOptions, type TestApp } from './support/app.js';

let app: TestApp;
let statements: string[] = [];
let counting = false;
let acme: { token: string; orgId: string; slug: string };
let memberToken: string;
let memberUserId: string;
let outsider: { token: string; orgId: string; slug: string };
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  app = await createTestApp({ onStatement: (sql) => counting && statements.push(sql) });
  acme = await app.userWithOrg('owner@example.com', 'acme');
  outsider = await app.userWithOrg('outsider@example.com', 'other');
  memberToken = await app.token('member@example.com', { name: 'Member' });
  await app.gql('{ viewer { user { id } } }', {}, { token: memberToken });
  const member = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'member@example.com' } });
  memberUserId = member.id;
  await app.db.prisma.membership.create({ data: { orgId: acme.orgId, userId: member.id, role: 'MEMBER' } });
  readKey = await app.apiKey(acme.orgId, ['READ']);
  writeKey = await app.apiKey(acme.orgId, ['WRITE']);
});
afterAll(() => app?.close());

const CreateProject = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      project {
        id
        name
        description
        createdBy {
          email
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      project {
        name
        description
      }
      userErrors {
        code
        field
      }
    }
  }
`);

const DeleteProject = graphql(`
  mutation DeleteProject($input: ProjectRefInput!) {
    deleteProject(input: $input) {
      deletedProjectId
      userErrors {
        code
      }
    }
  }
`);

const CreateTask = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      task {
        id
        title
        status
        assignee {
          email
        }
        project {
          name
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`);

const UpdateTask = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      task {
        title
        status
        assignee {
          email
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`);

const DeleteTask = graphql(`
  mutation DeleteTask($input: TaskRefInput!) {
    deleteTask(input: $input) {
      deletedTaskId
      userErrors {
        code
      }
    }
  }
`);

const Projects = graphql(`
  query Projects($first: Int, $status: TaskStatus) {
    organization {
      projects(first: $first) {
        totalCount
        edges {
          node {
            id
            name
            tasks(first: 20, status: $status) {
              totalCount
              edges {
                node {
                  title
                  status
                  assignee {
                    email
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

async function newProject(name: string, as: CallOptions = { token: acme.token, org: 'acme' }) {
  const res = await app.gql(CreateProject, { input: { name } }, as);
  return res.data!.createProject.project!.id;
}

describe('who may read and write', () => {
  test('no credentials: UNAUTHENTICATED everywhere', async () => {
    const projectId = await newProject('p-anon');
    for (const [doc, variables] of [
      [Projects, {}],
      [CreateProject, { input: { name: 'x' } }],
      [UpdateProject, { input: { projectId, name: 'x' } }],
      [DeleteProject, { input: { projectId } }],
      [CreateTask, { input: { projectId, title: 'x' } }],
    ] as const) {
      expect(codeOf(await app.gql(doc as any, variables, { org: 'acme' }))).toBe('UNAUTHENTICATED');
    }
  });

  test('a non-member: organization null, writes NOT_FOUND, nothing changes', async () => {
    const projectId = await newProject('p-foreign');
    const as = { token: outsider.token, org: 'acme' };
    expect((await app.gql(Projects, {}, as)).data).toEqual({ organization: null });
    expect(codeOf(await app.gql(CreateProject, { input: { name: 'planted' } }, as))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(DeleteProject, { input: { projectId } }, as))).toBe('NOT_FOUND');
    // From their own org, acme's ids are as unknown as made-up ones: test/cross-tenant.test.ts, for every mutation.
    expect(await app.db.prisma.project.count({ where: { name: 'planted' } })).toBe(0);
    expect(await app.db.prisma.task.count({ where: { title: 'planted' } })).toBe(0);
    expect(
      await app.db.prisma.project.count({
        where: { id: (await app.db.prisma.project.findFirstOrThrow({ where: { name: 'p-foreign' } })).id },
      }),
    ).toBe(1);
  });

  test.each([
    ['a member', () => ({ token: memberToken, org: 'acme' }), { email: 'member@example.com' }],
    ['an admin', () => ({ token: acme.token, org: 'acme' }), { email: 'owner@example.com' }],
  ])('%s creates, updates and deletes projects and tasks', async (_who, as, creator) => {
    const created = await app.gql(CreateProject, { input: { name: ' Launch ', description: 'Q4' } }, as());
    const project = created.data!.createProject.project!;
    expect(project).toMatchObject({ name: 'Launch', description: 'Q4', createdBy: creator });
    const read = await app.gql(
      'query($id: ID!) { node(id: $id) { ... on Project { createdBy { id email name } } } }',
      { id: project.id },
      as(),
    );
    const creatorRow = await app.db.prisma.user.findFirstOrThrow({ where: { email: creator.email } });
    expect(read.data.node.createdBy).toEqual({
      id: encodeGlobalID('User', creatorRow.id),
      email: creator.email,
      name: creatorRow.name,
    });
    const task = await app.gql(CreateTask, { input: { projectId: project.id, title: 'Write docs' } }, as());
    expect(task.data!.createTask.task).toMatchObject({
      title: 'Write docs',
      status: 'TODO',
      assignee: null,
      project: { name: 'Launch' },
    });
    const taskId = task.data!.createTask.task!.id;
    const updated = await app.gql(UpdateTask, { input: { taskId, status: 'DONE' } }, as());
    expect(updated.data!.updateTask.task).toMatchObject({ title: 'Write docs', status: 'DONE' });
    expect(
      (await app.gql(UpdateProject, { input: { projectId: project.id, description: '' } }, as())).data!.updateProject
        .project,
    ).toEqual({
      name: 'Launch',
      description: null,
    });
    expect((await app.gql(DeleteTask, { input: { taskId } }, as())).data!.deleteTask.deletedTaskId).toBe(taskId);
    expect(
      (await app.gql(DeleteProject, { input: { projectId: project.id } }, as())).data!.deleteProject.deletedProjectId,
    ).toBe(project.id);
  });

  test('a READ API key reads but may not write', async () => {
    const projectId = await newProject('p-read');
    expect((await app.gql(Projects, {}, { apiKey: readKey })).errors).toBeUndefined();
    const owner = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'owner@example.com' } });
    const creator = await app.gql(
      'query($id: ID!) { node(id: $id) { ... on Project { createdBy { id email name } } } }',
      { id: projectId },
      { apiKey: readKey },
    );
    expect(creator.data.node.createdBy).toEqual({
      id: encodeGlobalID('User', owner.id),
      email: 'owner@example.com',
      name: owner.name,
    });
    // A WRITE-only key reads no user, not even a project's creator.
    const hidden = await app.gql(
      'query($id: ID!) { node(id: $id) { ... on Project { createdBy { email } } } }',
      { id: projectId },
      { apiKey: writeKey },
    );
    expect(hidden.data.node).toBeNull();
    expect(codeOf(hidden)).toBe('FORBIDDEN');
    for (const [doc, variables] of [
      [CreateProject, { input: { name: 'x' } }],
      [UpdateProject, { input: { projectId, name: 'renamed' } }],
      [DeleteProject, { input: { projectId } }],
      [CreateTask, { input: { projectId, title: 'x' } }],
    ] as const) {
      expect(codeOf(await app.gql(doc as any, variables, { apiKey: readKey }))).toBe('FORBIDDEN');
    }
    expect(await app.db.prisma.project.findFirstOrThrow({ where: { name: 'p-read' } })).toBeTruthy();
  });

  test('a WRITE-only key may not read the project list', async () => {
    const res = await app.gql(Projects, {}, { apiKey: writeKey });
    expect(res.data!.organization!.projects).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  test('a WRITE-only key writes and gets back what it wrote, but reads nothing else: not by id, not through relations', async () => {
    const as = { apiKey: writeKey };
    const created = await app.gql(
      `mutation { createProject(input: { name: "by write key", description: "d" }) { project { id name description } } }`,
      {},
      as,
    );
    const project = created.data.createProject.project;
    expect(project).toMatchObject({ name: 'by write key', description: 'd' });
    const task = await app.gql(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id title status } } }`,
      { input: { projectId: project.id, title: 'by key', assigneeId: encodeGlobalID('User', memberUserId) } },
      as,
    );
    const taskId = task.data.createTask.task.id;
    expect(task.data.createTask.task).toMatchObject({ title: 'by key', status: 'TODO' });
    const updated = await app.gql(
      `mutation($id: ID!) { updateTask(input: { taskId: $id, status: DONE }) { task { id status } } }`,
      { id: taskId },
      as,
    );
    expect(updated.data.updateTask.task).toEqual({ id: taskId, status: 'DONE' });
    const unchanged = await app.gql(
      `mutation($id: ID!) { updateTask(input: { taskId: $id }) { task { id status } } }`,
      {
        id: taskId,
      },
      as,
    );
    expect(unchanged.data.updateTask.task).toEqual({ id: taskId, status: 'DONE' });
    // The written entity's relations follow the read rule.
    for (const selection of ['assignee { email }', 'project { name }']) {
      const res = await app.gql(
        `mutation($id: ID!) { updateTask(input: { taskId: $id, title: "again" }) { task { id ${selection} } } }`,
        { id: taskId },
        as,
      );
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data)).not.toMatch(/member@example.com|by write key/);
    }
    // Project.tasks is non-null: refused, it takes its project with it (the error names the field).
    const nested = await app.gql(
      `mutation($id: ID!) { updateProject(input: { projectId: $id, name: "renamed" }) { project { name tasks { totalCount } } } }`,
      { id: project.id },
      as,
    );
    expect(nested.data.updateProject.project).toBeNull();
    expect(nested.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['updateProject', 'project', 'tasks']],
    ]);
    // Reads by id: node, nodes.
    const byId = await app.gql(
      'query($p: ID!, $t: ID!) { node(id: $p) { id ... on Project { name } } nodes(ids: [$p, $t]) { id } }',
      { p: project.id, t: taskId },
      as,
    );
    expect(byId.data).toEqual({ node: null, nodes: [null, null] });
    expect(byId.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  test('API-key writes are audited with the key', async () => {
    await app.gql(CreateProject, { input: { name: 'by-key' } }, { apiKey: writeKey });
    const event = await app.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'project.created', actorId: null },
    });
    expect(event.apiKeyId).not.toBeNull();
  });
});

describe('tasks', () => {
  test('assignees must be members of the org; null unassigns', async () => {
    const projectId = await newProject('p-assign');
    const as = { token: acme.token, org: 'acme' };
    const member = encodeGlobalID('User', memberUserId);
    const created = await app.gql(CreateTask, { input: { projectId, title: 'T', assigneeId: member } }, as);
    expect(created.data!.createTask.task!.assignee).toEqual({ email: 'member@example.com' });
    const taskId = created.data!.createTask.task!.id;

    const outsiderUser = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'outsider@example.com' } });
    for (const assigneeId of [
      encodeGlobalID('User', outsiderUser.id),
      encodeGlobalID('User', '00000000-0000-4000-8000-000000000000'),
    ]) {
      const res = await app.gql(UpdateTask, { input: { taskId, assigneeId } }, as);
      expect(res.data!.updateTask).toEqual({
        task: null,
        userErrors: [{ code: 'ASSIGNEE_NOT_MEMBER', field: ['input', 'assigneeId'] }],
      });
      const create = await app.gql(CreateTask, { input: { projectId, title: 'U', assigneeId } }, as);
      expect(create.data!.createTask.userErrors).toEqual([
        { code: 'ASSIGNEE_NOT_MEMBER', field: ['input', 'assigneeId'] },
      ]);
    }
    expect(
      (
        await app.db.prisma.task.findUniqueOrThrow({
          where: { id: (await app.db.prisma.task.findFirstOrThrow({ where: { title: 'T' } })).id },
        })
      ).assigneeId,
    ).toBe(memberUserId);
    const unassigned = await app.gql(UpdateTask, { input: { taskId, assigneeId: null } }, as);
    expect(unassigned.data!.updateTask.task!.assignee).toBeNull();
  });

  test('bad input is INVALID_INPUT and changes nothing; malformed ids', async () => {
    const projectId = await newProject('p-bad');
    const as = { token: acme.token, org: 'acme' };
    expect((await app.gql(CreateTask, { input: { projectId, title: '  ' } }, as)).data!.createTask.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'title'] },
    ]);
    expect(
      (await app.gql(CreateProject, { input: { name: 'x'.repeat(201) } }, as)).data!.createProject.userErrors,
    ).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'name'] }]);
    expect(codeOf(await app.gql(CreateTask, { input: { projectId: 'nope', title: 'x' } }, as))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await app.gql(CreateTask, { input: { projectId: encodeGlobalID('Task', acme.orgId), title: 'x' } }, as)),
    ).toBe('BAD_USER_INPUT');
    expect(await app.db.prisma.task.count({ where: { project: { name: 'p-bad' } } })).toBe(0);
  });

  test('deleting a project deletes its tasks', async () => {
    const projectId = await newProject('p-cascade');
    const as = { token: acme.token, org: 'acme' };
    await app.gql(CreateTask, { input: { projectId, title: 'gone' } }, as);
    await app.gql(DeleteProject, { input: { projectId } }, as);
    expect(await app.db.prisma.task.count({ where: { title: 'gone' } })).toBe(0);
  });
});

describe('mutations in one document', () => {
  test('each mutation is its own unit: a failed one leaves the others, more than a request keeps open all commit', async () => {
    const as = { token: acme.token, org: 'acme' };
    const names = Array.from({ length: 20 }, (_, i) => (i === 7 || i === 17 ? '' : `batch-${i}`));
    const document = `mutation {\n${names
      .map(
        (name, i) =>
          `m${i}: createProject(input: { name: ${JSON.stringify(name)} }) { project { name } userErrors { code } }`,
      )
      .join('\n')}\n}`;
    const res = await app.gql(document, {}, as);
    expect(res.errors).toBeUndefined();
    names.forEach((name, i) => {
      expect(res.data[`m${i}`]).toEqual(
        name ? { project: { name }, userErrors: [] } : { project: null, userErrors: [{ code: 'INVALID_INPUT' }] },
      );
    });
    expect(await app.db.prisma.project.count({ where: { name: { startsWith: 'batch-' } } })).toBe(18);
  });

  test('a mutation that fails takes the whole document with it: data null, nothing written, no key secret lost', async () => {
    const as = { token: acme.token, org: 'acme' };
    const keys = await app.db.prisma.apiKey.count();
    const events = await app.db.prisma.auditEvent.count();
    const res = await app.gql(
      `mutation($missing: ID!) {
        key: createApiKey(input: { name: "lost?", scopes: [READ] }) { secret apiKey { id } }
        project: createProject(input: { name: "all-or-nothing" }) { project { id } }
        gone: deleteProject(input: { projectId: $missing }) { deletedProjectId }
      }`,
      { missing: encodeGlobalID('Project', '00000000-0000-4000-8000-000000000000') },
      as,
    );
    expect(res.data ?? null).toBeNull();
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(await app.db.prisma.apiKey.count()).toBe(keys);
    expect(await app.db.prisma.project.count({ where: { name: 'all-or-nothing' } })).toBe(0);
    expect(await app.db.prisma.auditEvent.count()).toBe(events);
  });

  test('after leaving, the rest of the document runs without the membership', async () => {
    const leaver = await app.token('leaver@example.com');
    await app.gql('{ viewer { user { id } } }', {}, { token: leaver });
    const user = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'leaver@example.com' } });
    await app.db.prisma.membership.create({ data: { orgId: acme.orgId, userId: user.id, role: 'MEMBER' } });
    const res = await app.gql(
      `mutation { leaveOrganization { removedMembershipId } createProject(input: { name: "by an ex-member" }) { project { id } } }`,
      {},
      { token: leaver, org: 'acme' },
    );
    expect(res.data ?? null).toBeNull();
    expect(await app.db.prisma.project.count({ where: { name: 'by an ex-member' } })).toBe(0);
    // All or nothing: the leave itself was not written either.
    expect(await app.db.prisma.membership.count({ where: { orgId: acme.orgId, userId: user.id } })).toBe(1);
  });

  test('a payload answers from the row its mutation wrote: no lookup after the write', async () => {
    const projectId = await newProject('p-payload');
    const as = { token: acme.token, org: 'acme' };
    statements = [];
    counting = true;
    const res = await app.gql(UpdateProject, { input: { projectId, name: 'p-payload-renamed' } }, as);
    counting = false;
    expect(res.data!.updateProject.project).toEqual({ name: 'p-payload-renamed', description: null });
    const write = statements.findIndex((sql) => /^UPDATE "public"."projects"/.test(sql));
    expect(write).toBeGreaterThan(0);
    expect(statements.slice(write + 1).filter((sql) => /FROM "public"."projects"/.test(sql))).toEqual([]);
  });
});

describe('nested reads', () => {
  test('organization → projects → tasks → assignee in a constant number of statements', async () => {
    const org = await app.userWithOrg('big@example.com', 'big');
    const bigUser = await app.db.prisma.user.findFirstOrThrow({ where: { email: 'big@example.com' } });
    const as = { token: org.token, org: 'big' };
    const run = async () => {
      statements = [];
      counting = true;
      const res = await app.gql(Projects, { first: 20 }, as);
      counting = false;
      expect(res.errors).toBeUndefined();
      return { res, count: statements.length };
    };
    for (let p = 0; p < 3; p++) {
      const project = await app.db.prisma.project.create({ data: { orgId: org.orgId, name: `bp${p}` } });
      for (let t = 0; t < 5; t++) {
        await app.db.prisma.task.create({
          data: { orgId: org.orgId, projectId: project.id, title: `t${t}`, assigneeId: bigUser.id },
        });
      }
    }
    const small = await run();
    for (let p = 3; p < 12; p++) {
      const project = await app.db.prisma.project.create({ data: { orgId: org.orgId, name: `bp${p}` } });
      for (let t = 0; t < 8; t++) {
        await app.db.prisma.task.create({
          data: { orgId: org.orgId, projectId: project.id, title: `t${t}`, assigneeId: bigUser.id },
        });
      }
    }
    const large = await run();
    expect(large.res.data!.organization!.projects!.totalCount).toBe(12);
    expect(large.res.data!.organization!.projects!.edges[0]!.node.tasks.edges[0]!.node.assignee).toEqual({
      email: 'big@example.com',
      name: null,
    });
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });

  test('tasks filter by status and page newest first', async () => {
    const projectId = await newProject('p-status');
    const as = { token: acme.token, org: 'acme' };
    for (const [title, status] of [
      ['a', 'TODO'],
      ['b', 'DONE'],
      ['c', 'DONE'],
    ] as const) {
      await app.gql(CreateTask, { input: { projectId, title, status } }, as);
    }
    const res = await app.gql(Projects, { first: 100, status: 'DONE' }, as);
    const project = res.data!.organization!.projects!.edges.find((e) => e.node.name === 'p-status')!.node;
    expect(project.tasks.totalCount).toBe(2);
    expect(project.tasks.edges.map((e) => e.node.title)).toEqual(['c', 'b']);
  });
});
