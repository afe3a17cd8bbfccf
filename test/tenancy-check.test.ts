// The tenancy check (src/tenancy/check.ts): the migrated database, the
// datamodel and the served schema pass it (but for the one gap it found), and
// each rule, its omission planted, reports the table or type and the fix.
// Every plant is undone after its check (or, for a planted model, dropped).
import {
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { schema } from '../src/schema/index.js';
import { checkTenancy, prismaDatamodel, type Datamodel } from '../src/tenancy/check.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let db: TestDatabase;
let datamodel: Datamodel;
let serverRole: string;

beforeAll(async () => {
  db = await createTestDatabase();
  datamodel = prismaDatamodel(db.prisma);
  [{ serverRole }] = await db.prisma.$queryRawUnsafe<[{ serverRole: string }]>(`SELECT current_user AS "serverRole"`);
});
afterAll(() => db?.drop());

const run = (sql: string) => db.prisma.$executeRawUnsafe(sql);
const check = (options: { datamodel?: Datamodel; schema?: GraphQLSchema } = {}) =>
  checkTenancy(db, options.datamodel ?? datamodel, options.schema ?? schema);

/** The findings with `plant` applied (each statement in turn), `undo` run afterwards whatever happened. */
async function planted(plant: string[], undo: string[], options?: Parameters<typeof check>[0]) {
  try {
    for (const sql of plant) await run(sql);
    return await check(options);
  } finally {
    for (const sql of undo) await run(sql);
  }
}

describe('the code as it is', () => {
  test('every rule holds for every org-owned model', async () => {
    expect(await check()).toEqual([]);
  });

  test('the datamodel is read from the generated client, relations with their keys', () => {
    const project = datamodel.models.Task!.fields.find((f) => f.name === 'project');
    expect(project).toMatchObject({ relationFromFields: ['orgId', 'projectId'], relationToFields: ['orgId', 'id'] });
    expect(datamodel.models.Task!.dbName).toBe('tasks');
  });
});

describe('each rule, its omission planted', () => {
  test('1. row-level security not forced, or not enabled', async () => {
    const findings = await planted(
      ['ALTER TABLE projects NO FORCE ROW LEVEL SECURITY', 'ALTER TABLE tasks DISABLE ROW LEVEL SECURITY'],
      ['ALTER TABLE projects FORCE ROW LEVEL SECURITY', 'ALTER TABLE tasks ENABLE ROW LEVEL SECURITY'],
    );
    expect(findings).toEqual([
      {
        model: 'Project',
        table: 'projects',
        rule: 'row-level-security',
        problem: 'row-level security is not forced on the owner',
        fix: 'ALTER TABLE "projects" FORCE ROW LEVEL SECURITY',
      },
      {
        model: 'Task',
        table: 'tasks',
        rule: 'row-level-security',
        problem: 'row-level security is not enabled',
        fix: 'ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY',
      },
    ]);
  });

  const ORIGINAL_POLICY = `CREATE POLICY org_isolation ON tasks
    USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))`;
  const restorePolicy = ['DROP POLICY IF EXISTS org_isolation ON tasks', ORIGINAL_POLICY];
  const uncovered = (commands: string) => ({
    model: 'Task',
    table: 'tasks',
    rule: 'isolation-policy',
    problem: `no permissive policy for orgraph_tenant restricts ${commands} to org_id = app_org_id()`,
    fix: 'CREATE POLICY org_isolation ON "tasks" USING ("org_id" = (SELECT app_org_id())) WITH CHECK ("org_id" = (SELECT app_org_id()))',
  });

  test('2. no isolation policy', async () => {
    const findings = await planted(['DROP POLICY org_isolation ON tasks'], [ORIGINAL_POLICY]);
    expect(findings).toEqual([uncovered('SELECT, INSERT, UPDATE, DELETE')]);
  });

  test('2. a policy comparing with the wrong thing: true, the user, or not the org', async () => {
    const replaced = (policy: string) =>
      planted(['DROP POLICY org_isolation ON tasks', `CREATE POLICY org_isolation ON tasks ${policy}`], restorePolicy);
    const admits = (commands: string) => ({
      model: 'Task',
      table: 'tasks',
      rule: 'isolation-policy',
      problem: `policy org_isolation admits another organization's rows for ${commands}`,
      fix: 'DROP POLICY "org_isolation" ON "tasks", or restrict its USING and WITH CHECK to "org_id" = (SELECT app_org_id())',
    });
    expect(await replaced('USING (true)')).toEqual([
      uncovered('SELECT, INSERT, UPDATE, DELETE'),
      admits('SELECT, INSERT, UPDATE, DELETE'),
    ]);
    expect(await replaced('USING (org_id = (SELECT app_user_id()))')).toEqual([
      uncovered('SELECT, INSERT, UPDATE, DELETE'),
    ]);
    expect(await replaced('USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id IS NOT NULL)')).toEqual([
      admits('INSERT, UPDATE'),
    ]);
  });

  test('2. an open policy under a restrictive one that keeps the org passes', async () => {
    const findings = await planted(
      [
        'CREATE POLICY everyone ON audit_events FOR SELECT USING (true)',
        'CREATE POLICY org_only ON audit_events AS RESTRICTIVE USING (org_id = (SELECT app_org_id()))',
      ],
      ['DROP POLICY everyone ON audit_events', 'DROP POLICY org_only ON audit_events'],
    );
    expect(findings).toEqual([]);
  });

  test('2. an extra policy open to every row, beside the isolation policy; narrower ones are fine', async () => {
    const findings = await planted(
      [
        'CREATE POLICY everyone ON audit_events FOR SELECT USING (true)',
        'CREATE POLICY by_target ON audit_events FOR SELECT USING (target_id = (SELECT app_user_id())::text)',
      ],
      ['DROP POLICY everyone ON audit_events', 'DROP POLICY by_target ON audit_events'],
    );
    expect(findings).toEqual([
      {
        model: 'AuditEvent',
        table: 'audit_events',
        rule: 'isolation-policy',
        problem: "policy everyone admits another organization's rows for SELECT",
        fix: 'DROP POLICY "everyone" ON "audit_events", or restrict its USING and WITH CHECK to "org_id" = (SELECT app_org_id())',
      },
    ]);
  });

  const RESTORE_TRIGGER = `CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON projects
    FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change()`;
  const immutable = (roles: string[]) => ({
    model: 'Project',
    table: 'projects',
    rule: 'org-id-immutable',
    problem: `${roles.sort().join(' and ')} can UPDATE org_id and no enabled BEFORE UPDATE row trigger refuses a change`,
    fix: 'CREATE TRIGGER org_id_immutable BEFORE UPDATE OF "org_id" ON "projects" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change()',
  });

  test('3. org_id changeable: no trigger, a disabled one, or one that lets the change through', async () => {
    const roles = ['orgraph_tenant', serverRole];
    const dropped = await planted(['DROP TRIGGER org_id_immutable ON projects'], [RESTORE_TRIGGER]);
    expect(dropped).toEqual([immutable(roles)]);

    const disabled = await planted(
      ['ALTER TABLE projects DISABLE TRIGGER org_id_immutable'],
      ['ALTER TABLE projects ENABLE TRIGGER org_id_immutable'],
    );
    expect(disabled).toEqual([immutable(roles)]);

    // In the catalog it looks the part: the trigger's function is what tells.
    const lenient = await planted(
      [
        `CREATE FUNCTION allow_org_id_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
        'DROP TRIGGER org_id_immutable ON projects',
        `CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON projects
           FOR EACH ROW EXECUTE FUNCTION allow_org_id_change()`,
      ],
      ['DROP TRIGGER org_id_immutable ON projects', 'DROP FUNCTION allow_org_id_change()', RESTORE_TRIGGER],
    );
    expect(lenient).toEqual([immutable(roles)]);

    // Its fix, applied, closes it.
    expect(await planted(['DROP TRIGGER org_id_immutable ON projects', immutable(roles).fix], [])).toEqual([]);
  });

  test('3. a role without UPDATE on org_id needs no trigger; the server role still does', async () => {
    const findings = await planted(
      [
        'DROP TRIGGER org_id_immutable ON projects',
        'REVOKE UPDATE ON projects FROM orgraph_tenant',
        'GRANT UPDATE (name, description) ON projects TO orgraph_tenant',
      ],
      [
        'REVOKE UPDATE (name, description) ON projects FROM orgraph_tenant',
        'GRANT UPDATE ON projects TO orgraph_tenant',
        RESTORE_TRIGGER,
      ],
    );
    expect(findings.filter((f) => f.rule === 'org-id-immutable')).toEqual([immutable([serverRole])]);
    // (and the tenant, lacking UPDATE on the table, is told to have it back)
    expect(findings.filter((f) => f.rule !== 'org-id-immutable')).toMatchObject([
      { table: 'projects', rule: 'tenant-grants', fix: 'GRANT UPDATE ON "projects" TO orgraph_tenant' },
    ]);
  });

  test('4. no index led by org_id (a partial one does not count)', async () => {
    const indexes = await db.prisma.$queryRawUnsafe<{ name: string; definition: string }[]>(
      `SELECT c.relname::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attname = 'org_id'
       WHERE i.indrelid = 'audit_events'::regclass AND i.indkey[0] = a.attnum`,
    );
    expect(indexes.length).toBeGreaterThan(0);
    const findings = await planted(
      [
        `DROP INDEX ${indexes.map((i) => `"${i.name}"`).join(', ')}`,
        `CREATE INDEX audit_events_org_logins ON audit_events (org_id) WHERE action = 'user.login'`,
      ],
      ['DROP INDEX audit_events_org_logins', ...indexes.map((i) => i.definition)],
    );
    expect(findings).toEqual([
      {
        model: 'AuditEvent',
        table: 'audit_events',
        rule: 'org-id-index',
        problem: 'no index starts with org_id',
        fix: 'CREATE UNIQUE INDEX "audit_events_org_id_id_key" ON "audit_events" ("org_id", "id"), with @@unique([orgId, id]) in model AuditEvent',
      },
    ]);
  });

  test('5. a composite foreign key replaced with a single-column one', async () => {
    const findings = await planted(
      [
        `ALTER TABLE tasks DROP CONSTRAINT tasks_org_id_project_id_fkey,
           ADD CONSTRAINT tasks_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id)`,
      ],
      [
        `ALTER TABLE tasks DROP CONSTRAINT tasks_project_id_fkey,
           ADD CONSTRAINT tasks_org_id_project_id_fkey FOREIGN KEY (org_id, project_id)
             REFERENCES projects (org_id, id) ON DELETE CASCADE ON UPDATE CASCADE`,
      ],
    );
    expect(findings).toEqual([
      {
        model: 'Task',
        table: 'tasks',
        rule: 'composite-foreign-key',
        problem: 'foreign key tasks_project_id_fkey ("project_id") → "projects" ("id") leaves org_id out',
        fix: 'ALTER TABLE "tasks" DROP CONSTRAINT "tasks_project_id_fkey", ADD FOREIGN KEY ("org_id", "project_id") REFERENCES "projects" ("org_id", "id")',
      },
      {
        model: 'Task',
        table: 'tasks',
        rule: 'composite-foreign-key',
        problem: 'no foreign key ("org_id", "project_id") → "projects" ("org_id", "id") for Task.project',
        fix: 'ALTER TABLE "tasks" ADD FOREIGN KEY ("org_id", "project_id") REFERENCES "projects" ("org_id", "id")',
      },
    ]);
  });

  test('5. a relation in the datamodel keyed without orgId', async () => {
    const mutated = structuredClone(datamodel);
    const project = mutated.models.Task!.fields.find((f) => f.name === 'project')!;
    Object.assign(project, { relationFromFields: ['projectId'], relationToFields: ['id'] });
    expect(await check({ datamodel: mutated })).toEqual([
      {
        model: 'Task',
        table: 'tasks',
        rule: 'composite-foreign-key',
        problem: 'relation Task.project → Project is keyed on (projectId) → (id), without orgId',
        fix: 'in model Task: project Project @relation(fields: [orgId, projectId], references: [orgId, id]), with @@unique([orgId, id]) in model Project',
      },
    ]);
  });

  test('6. a privilege of the tenant role revoked; the GRANT puts it back', async () => {
    const revoke = 'REVOKE INSERT, DELETE ON tasks FROM orgraph_tenant';
    const findings = await planted([revoke], ['GRANT INSERT, DELETE ON tasks TO orgraph_tenant']);
    const grant = 'GRANT INSERT, DELETE ON "tasks" TO orgraph_tenant';
    expect(findings).toEqual([
      {
        model: 'Task',
        table: 'tasks',
        rule: 'tenant-grants',
        problem: 'orgraph_tenant lacks INSERT, DELETE',
        fix: grant,
      },
    ]);
    expect(await planted([revoke, grant], [])).toEqual([]);
  });

  describe('7. the GraphQL schema', () => {
    const task = schema.getType('Task') as GraphQLObjectType;
    const taskConnection = schema.getType('TaskConnection') as GraphQLObjectType;
    const gated = { pothosOptions: { authScopes: { orgMember: true } } };

    /** The served schema with more fields on Query. */
    function withQueryFields(fields: GraphQLFieldConfigMap<unknown, unknown>) {
      const query = schema.getQueryType()!;
      const config = schema.toConfig();
      const planted = new GraphQLObjectType({ ...query.toConfig(), fields: { ...query.toConfig().fields, ...fields } });
      return new GraphQLSchema({ ...config, query: planted, types: config.types.filter((t) => t !== query) });
    }
    const ungated = (problem: string) => ({
      model: 'Task',
      table: 'tasks',
      rule: 'graphql-gate',
      problem,
      fix: expect.stringContaining('authScopes'),
    });

    test('an ungated field showing rows, directly, in a connection or in a type of its own; a scoped one passes', async () => {
      const Leak = new GraphQLObjectType({
        name: 'Leak',
        fields: { tasks: { type: new GraphQLList(new GraphQLNonNull(task)) } },
      });
      const leaky = withQueryFields({
        leakedTask: { type: task, args: { id: { type: GraphQLID } } },
        leakedTasks: { type: taskConnection },
        leak: { type: Leak },
        scopedTasks: { type: taskConnection, extensions: gated },
      });
      expect(await check({ schema: leaky })).toEqual([
        ungated('Leak.tasks (Task) shows Task rows without a gate'),
        ungated('Query.leakedTask (Task) shows Task rows without a gate'),
        ungated('Query.leakedTasks (TaskConnection) shows Task rows without a gate'),
      ]);
    });

    test("without its review, Organization.viewerMembership (the caller's own membership) would be reported", async () => {
      expect(await checkTenancy(db, datamodel, schema, {})).toEqual([
        {
          model: 'Membership',
          table: 'memberships',
          rule: 'graphql-gate',
          problem: 'Organization.viewerMembership (Membership) shows Membership rows without a gate',
          fix: expect.stringContaining('authScopes'),
        },
      ]);
    });

    test("a model type's own field is checked, however its type is reached", async () => {
      // Organization rows are reached by id outside the active org too: a gate above does not cover them.
      const fresh = (name: string, fields: () => GraphQLFieldConfigMap<unknown, unknown>) =>
        new GraphQLObjectType({ name, fields });
      const Task = fresh('Task', () => ({ id: { type: GraphQLID } }));
      const Organization = fresh('Organization', () => ({
        allTasks: { type: new GraphQLList(Task) },
        myTasks: { type: new GraphQLList(Task), extensions: gated },
      }));
      const small = new GraphQLSchema({
        query: fresh('Query', () => ({ organization: { type: Organization, extensions: gated } })),
      });
      expect(await check({ schema: small })).toEqual([
        ungated('Organization.allTasks (Task) shows Task rows without a gate'),
      ]);
    });
  });
});

describe('a planted org-owned model with nothing the walls need', () => {
  // A table and its model: no RLS, policy, trigger, org_id index or grants, a
  // single-column key to projects, and a GraphQL type of its own, ungated.
  const widget = (datamodel: Datamodel): Datamodel => ({
    models: {
      ...datamodel.models,
      Widget: {
        dbName: 'widgets',
        fields: [
          { name: 'id', kind: 'scalar', type: 'String' },
          { name: 'orgId', kind: 'scalar', type: 'String', dbName: 'org_id' },
          { name: 'projectId', kind: 'scalar', type: 'String', dbName: 'project_id' },
          {
            name: 'org',
            kind: 'object',
            type: 'Organization',
            relationFromFields: ['orgId'],
            relationToFields: ['id'],
          },
          {
            name: 'project',
            kind: 'object',
            type: 'Project',
            relationFromFields: ['projectId'],
            relationToFields: ['id'],
          },
        ],
      },
    },
  });
  const Widget = new GraphQLObjectType({ name: 'Widget', fields: { id: { type: GraphQLID } } });
  const list = (type: GraphQLOutputType) => new GraphQLList(new GraphQLNonNull(type));

  test('is reported under every rule, sorted, each naming its fix', async () => {
    const query = schema.getQueryType()!;
    const config = schema.toConfig();
    const withWidgets = new GraphQLSchema({
      ...config,
      query: new GraphQLObjectType({
        ...query.toConfig(),
        fields: { ...query.toConfig().fields, widgets: { type: list(Widget) } },
      }),
      types: config.types.filter((t) => t !== query),
    });
    const findings = await planted(
      [
        `CREATE TABLE widgets (
           id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
           org_id uuid NOT NULL REFERENCES organizations (id),
           project_id uuid REFERENCES projects (id))`,
      ],
      ['DROP TABLE widgets'],
      { datamodel: widget(datamodel), schema: withWidgets },
    );
    const widgets = findings.filter((f) => f.table === 'widgets');
    expect(findings).toEqual(widgets);
    expect(widgets.map((f) => [f.rule, f.problem])).toEqual([
      ['row-level-security', 'row-level security is not enabled'],
      ['row-level-security', 'row-level security is not forced on the owner'],
      [
        'isolation-policy',
        'no permissive policy for orgraph_tenant restricts SELECT, INSERT, UPDATE, DELETE to org_id = app_org_id()',
      ],
      ['org-id-immutable', `${serverRole} can UPDATE org_id and no enabled BEFORE UPDATE row trigger refuses a change`],
      ['org-id-index', 'no index starts with org_id'],
      [
        'composite-foreign-key',
        'foreign key widgets_project_id_fkey ("project_id") → "projects" ("id") leaves org_id out',
      ],
      [
        'composite-foreign-key',
        'no foreign key ("org_id", "project_id") → "projects" ("org_id", "id") for Widget.project',
      ],
      ['composite-foreign-key', 'relation Widget.project → Project is keyed on (projectId) → (id), without orgId'],
      ['tenant-grants', 'orgraph_tenant lacks SELECT, INSERT, UPDATE, DELETE'],
      [
        'graphql-gate',
        'GraphQL type Widget is not a model type: nothing makes a lookup of its rows answer null outside their org',
      ],
      ['graphql-gate', 'Query.widgets (Widget) shows Widget rows without a gate'],
    ]);
    for (const f of widgets) expect(f, f.problem).toMatchObject({ model: 'Widget', fix: expect.any(String) });
    expect(widgets.find((f) => f.rule === 'tenant-grants')!.fix).toBe(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON "widgets" TO orgraph_tenant',
    );
  });

  test('a model missing its table is reported, not thrown', async () => {
    expect((await check({ datamodel: widget(datamodel) })).filter((f) => f.table === 'widgets')).toMatchObject([
      { model: 'Widget', rule: 'table', problem: 'the database has no such table' },
    ]);
  });
});
