// The two tenancy walls (design.md), each proven sufficient alone: with the
// other one turned off, every cross-org read and write on every org-owned model
// and on users is still blocked. Runs each request the way the server does,
// through a tenant session.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Credential } from '../src/auth/credentials.js';
import { LOCAL_ISSUER } from '../src/auth/jwt.js';
import { delegateName, ORG_OWNED_MODELS, TenancyViolation } from '../src/tenancy/org-scope.js';
import { TenantSession, type OrgScopedClient } from '../src/tenancy/session.js';
import type { Walls } from '../src/tenancy/walls.js';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { createTestApp } from './support/app.js';
import { createTestDatabase, databaseMode, type TestDatabase } from './support/database.js';
import { one } from './support/factories.js';

let db: TestDatabase;
const statements: string[] = [];
// Two orgs, each with a user, a project, a task, an invitation, an API key, an audit event.
const orgs: Record<
  'a' | 'b',
  {
    orgId: string;
    userId: string;
    projectId: string;
    taskId: string;
    membershipId: string;
    invitationId: string;
    apiKeyId: string;
    auditEventId: string;
  }
> = {} as never;

const claimsOf = (name: string) => ({
  issuer: LOCAL_ISSUER,
  subject: `sub-${name}`,
  email: `${name}@example.com`,
  emailVerified: true,
  name: null,
});

beforeAll(async () => {
  db = await createTestDatabase({ onStatement: (sql) => statements.push(sql) });
  for (const name of ['a', 'b'] as const) {
    const org = await db.prisma.organization.create({ data: { slug: `org-${name}`, name } });
    const user = await db.prisma.user.create({ data: claimsOf(name) });
    const membership = await db.prisma.membership.create({ data: { orgId: org.id, userId: user.id, role: 'ADMIN' } });
    const project = await db.prisma.project.create({ data: { orgId: org.id, name: `project ${name}` } });
    const task = await db.prisma.task.create({
      data: { orgId: org.id, projectId: project.id, title: `task ${name}`, assigneeId: user.id },
    });
    const invitation = await db.prisma.invitation.create({
      data: {
        orgId: org.id,
        email: `invitee-${name}@example.com`,
        role: 'MEMBER',
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const apiKey = await db.prisma.apiKey.create({
      data: { orgId: org.id, name: 'k', publicId: `pub${name}`, secretHash: 'x', scopes: ['READ'] },
    });
    const auditEvent = await db.prisma.auditEvent.create({ data: { orgId: org.id, action: 'test.seeded' } });
    orgs[name] = {
      orgId: org.id,
      userId: user.id,
      projectId: project.id,
      taskId: task.id,
      membershipId: membership.id,
      invitationId: invitation.id,
      apiKeyId: apiKey.id,
      auditEventId: auditEvent.id,
    };
  }
});
afterAll(() => db?.drop());

/** Runs `fn` in a request of `who` (org A's admin by default) selecting `slug`, under `walls`. */
function asUser<T>(
  walls: Walls,
  fn: (db: OrgScopedClient, session: TenantSession) => Promise<T>,
  { who = 'a', slug = 'org-a' }: { who?: string; slug?: string | null } = {},
): Promise<T> {
  const credential: Credential = { kind: 'user', claims: claimsOf(who) };
  return TenantSession.run(db.connections, { walls }, { credential, selectedSlug: slug }, (s) => fn(s.db, s));
}
const asOrgA = <T>(walls: Walls, fn: (db: OrgScopedClient, session: TenantSession) => Promise<T>) => asUser(walls, fn);

/**
 * Every org-owned model a resolver may use (idempotent requests are the
 * session's own, refused to resolvers outright), by its client delegate: none of
 * B's rows may be read or written from A. Rows beyond the seeded ones come from
 * the models' factories (test/factories), so a new model is covered here too.
 */
const ORG_OWNED = ORG_OWNED_MODELS.filter((model) => model !== 'IdempotentRequest').map(
  (model) => delegateName(model) as keyof OrgScopedClient & keyof typeof db.prisma,
);
const idsOfB: Record<string, string> = {};
const idOfB = (model: string) => idsOfB[model]!;

beforeAll(async () => {
  for (const model of ORG_OWNED_MODELS) {
    const delegate = delegateName(model);
    const seeded = orgs.b[`${delegate}Id` as keyof (typeof orgs)['b']];
    idsOfB[delegate] = seeded ?? (await one(db.prisma, model, orgs.b.orgId)).id;
    if (!seeded) await one(db.prisma, model, orgs.a.orgId);
  }
});

describe.each(['both', 'app-only', 'rls-only'] as const)('walls=%s', (walls) => {
  test.each(ORG_OWNED)('%s: reads see only the active org', async (model) => {
    await asOrgA(walls, async (client) => {
      const delegate = client[model] as any;
      const all = await delegate.findMany({});
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((row: { orgId: string }) => row.orgId === orgs.a.orgId)).toBe(true);
      expect(await delegate.findUnique({ where: { id: idOfB(model) } })).toBeNull();
      expect(await delegate.findFirst({ where: { orgId: orgs.b.orgId } })).toBeNull();
      expect(await delegate.count({ where: { id: idOfB(model) } })).toBe(0);
    });
  });

  test.each(ORG_OWNED)("%s: updates and deletes of another org's rows change nothing", async (model) => {
    const before = await (db.prisma[model] as any).findUnique({ where: { id: idOfB(model) } });
    // Every model has a creation time; moving it is a change whatever the model.
    const field = { createdAt: new Date(0) };
    await asOrgA(walls, async (client) => {
      const delegate = client[model] as any;
      expect((await delegate.updateMany({ where: { id: idOfB(model) }, data: field })).count).toBe(0);
      expect((await delegate.deleteMany({ where: { id: idOfB(model) } })).count).toBe(0);
    });
    await expect(
      asOrgA(walls, (client) => (client[model] as any).update({ where: { id: idOfB(model) }, data: field })),
    ).rejects.toThrow();
    expect(await (db.prisma[model] as any).findUnique({ where: { id: idOfB(model) } })).toEqual(before);
  });

  test('creating a row in another org is refused', async () => {
    const attempt = asOrgA(walls, (client) =>
      client.project.create({ data: { orgId: orgs.b.orgId, name: 'planted' } }),
    );
    await expect(attempt).rejects.toThrow();
    expect(await db.prisma.project.count({ where: { name: 'planted' } })).toBe(0);
  });

  test("a row of this org cannot point at another org's row", async () => {
    // Composite foreign keys: (org_id, project_id) must exist together.
    const attempt = asOrgA(walls, (client) =>
      client.task.create({ data: { orgId: orgs.a.orgId, projectId: orgs.b.projectId, title: 'cross' } }),
    );
    await expect(attempt).rejects.toThrow();
    const assignForeignUser = asOrgA(walls, (client) =>
      client.task.update({ where: { id: orgs.a.taskId }, data: { assigneeId: orgs.b.userId } }),
    );
    await expect(assignForeignUser).rejects.toThrow();
    expect(await db.prisma.task.count({ where: { title: 'cross' } })).toBe(0);
  });

  test('nested reads do not reach another org', async () => {
    await asOrgA(walls, async (client) => {
      expect(
        await client.organization.findUnique({ where: { id: orgs.b.orgId }, include: { projects: true } }),
      ).toBeNull();
      const own = await client.organization.findUnique({ where: { id: orgs.a.orgId }, include: { projects: true } });
      expect(own?.projects.every((p) => p.orgId === orgs.a.orgId)).toBe(true);
    });
  });

  test('users: the caller and members of the active org only; only the caller writes their row', async () => {
    await asOrgA(walls, async (client) => {
      expect((await client.user.findMany({})).map((u) => u.id)).toEqual([orgs.a.userId]);
      expect(await client.user.findUnique({ where: { id: orgs.b.userId } })).toBeNull();
      expect((await client.user.updateMany({ where: { id: orgs.b.userId }, data: { name: 'hijacked' } })).count).toBe(
        0,
      );
      expect((await client.user.updateMany({ where: { id: orgs.a.userId }, data: { name: 'A' } })).count).toBe(1);
    });
    await expect(asOrgA(walls, (client) => client.user.delete({ where: { id: orgs.b.userId } }))).rejects.toThrow();
    expect(await db.prisma.user.findUnique({ where: { id: orgs.b.userId } })).toMatchObject({ name: null });
    await db.prisma.user.update({ where: { id: orgs.a.userId }, data: { name: null } });
  });

  test("organizations: the active one and the caller's own; others invisible and unchanged", async () => {
    await asOrgA(walls, async (client) => {
      expect((await client.organization.findMany({})).map((o) => o.id)).toEqual([orgs.a.orgId]);
      expect((await client.organization.updateMany({ where: { id: orgs.b.orgId }, data: { name: 'x' } })).count).toBe(
        0,
      );
      expect((await client.organization.deleteMany({ where: { id: orgs.b.orgId } })).count).toBe(0);
    });
    expect(await db.prisma.organization.findUnique({ where: { id: orgs.b.orgId } })).toMatchObject({ name: 'b' });
  });
});

describe('app wall', () => {
  test('without an active org, reads see nothing and writes throw', async () => {
    await db.prisma.user.create({ data: claimsOf('loner') });
    await asUser(
      'app-only',
      async (client, session) => {
        expect(session.org).toBeNull();
        expect(await client.project.findMany()).toEqual([]);
        expect(await client.task.findUnique({ where: { id: orgs.a.taskId } })).toBeNull();
        await expect(client.project.create({ data: { orgId: orgs.a.orgId, name: 'x' } })).rejects.toThrow(
          TenancyViolation,
        );
      },
      { who: 'loner', slug: null },
    );
  });

  test('org_id is immutable', async () => {
    await expect(
      asOrgA('app-only', (client) =>
        client.project.update({ where: { id: orgs.a.projectId }, data: { orgId: orgs.b.orgId } }),
      ),
    ).rejects.toThrow(TenancyViolation);
  });

  test("the resolvers' client has model delegates only: no raw SQL, no transactions, no extensions", async () => {
    await asOrgA('both', async (client) => {
      for (const name of [
        '$queryRaw',
        '$queryRawUnsafe',
        '$executeRaw',
        '$executeRawUnsafe',
        '$transaction',
        '$extends',
      ])
        expect((client as unknown as Record<string, unknown>)[name], name).toBeUndefined();
      expect(Object.keys(client).every((k) => !k.startsWith('$'))).toBe(true);
      expect(Object.isFrozen(client)).toBe(true);
    });
  });
});

describe('database wall', () => {
  test('org_id is immutable even for the table owner', async () => {
    await expect(
      db.prisma.project.update({ where: { id: orgs.a.projectId }, data: { orgId: orgs.b.orgId } }),
    ).rejects.toThrow(/immutable/);
  });

  test('every table the tenant role can reach has enabled and forced RLS and a policy', async () => {
    const rows = await db.prisma.$queryRaw<{ table: string; enabled: boolean; forced: boolean; policies: number }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND has_table_privilege('orgraph_tenant', c.oid, 'SELECT')
      ORDER BY 1`;
    // The registry and the users beside the org-owned tables (npm run check:tenancy checks those further).
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['organizations', 'projects', 'tasks', 'users']));
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
    for (const row of rows) expect(row.policies, row.table).toBeGreaterThan(0);
  });

  test('the tenant role is not superuser, owner or BYPASSRLS', async () => {
    const [role] = await db.prisma.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }[]>`
      SELECT rolsuper, rolbypassrls,
             (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owns
      FROM pg_roles r WHERE rolname = 'orgraph_tenant'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: 0 });
  });
});

describe("an invitee's rights under RLS alone", () => {
  // C belongs to no org and is invited to B by email: what may they write?
  let c: { id: string };
  beforeAll(async () => {
    c = await db.prisma.user.create({ data: claimsOf('c') });
  });
  const asInvitee = <T>(fn: (client: OrgScopedClient) => Promise<T>) =>
    asUser('rls-only', (client) => fn(client), { who: 'c', slug: null });
  const inviteCToB = (status: 'PENDING' | 'ACCEPTED', role: 'ADMIN' | 'MEMBER' = 'MEMBER') =>
    db.prisma.invitation.create({
      data: {
        orgId: orgs.b.orgId,
        email: 'c@example.com',
        role,
        status,
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 3_600_000),
        respondedAt: status === 'ACCEPTED' ? new Date() : null,
      },
    });
  const joinB = (client: OrgScopedClient, role: 'ADMIN' | 'MEMBER') =>
    client.membership.create({ data: { orgId: orgs.b.orgId, userId: c.id, role } });

  test('joining needs an invitation accepted for that role', async () => {
    const pending = await inviteCToB('PENDING');
    await expect(asInvitee((client) => joinB(client, 'MEMBER'))).rejects.toThrow();
    await db.prisma.invitation.update({
      where: { id: pending.id },
      data: { status: 'ACCEPTED', respondedAt: new Date() },
    });
    await expect(asInvitee((client) => joinB(client, 'ADMIN'))).rejects.toThrow();
    await asInvitee((client) => joinB(client, 'MEMBER'));
    expect(await db.prisma.membership.count({ where: { orgId: orgs.b.orgId, userId: c.id } })).toBe(1);
    await db.prisma.membership.deleteMany({ where: { orgId: orgs.b.orgId, userId: c.id } });
    await db.prisma.invitation.delete({ where: { id: pending.id } });
  });

  test('an invitee may only accept or decline, never rewrite, an invitation', async () => {
    const invitation = await inviteCToB('PENDING');
    await expect(
      asInvitee((client) => client.invitation.update({ where: { id: invitation.id }, data: { role: 'ADMIN' } })),
    ).rejects.toThrow();
    await asInvitee((client) =>
      client.invitation.updateMany({
        where: { id: invitation.id },
        data: { status: 'DECLINED', respondedAt: new Date() },
      }),
    );
    expect(await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      role: 'MEMBER',
      status: 'DECLINED',
    });
    await db.prisma.invitation.delete({ where: { id: invitation.id } });
  });

  test("an invitee records only their own answer in the org's audit trail, and reads none of it", async () => {
    const invitation = await inviteCToB('ACCEPTED');
    const event = (action: string) => ({
      orgId: orgs.b.orgId,
      actorId: c.id,
      action,
      targetType: 'Invitation',
      targetId: invitation.id,
    });
    await expect(
      asInvitee((client) => client.auditEvent.createMany({ data: event('membership.removed') })),
    ).rejects.toThrow();
    await asInvitee((client) => client.auditEvent.createMany({ data: event('invitation.accepted') }));
    expect(await asInvitee((client) => client.auditEvent.count())).toBe(0);
    await db.prisma.invitation.delete({ where: { id: invitation.id } });
  });
});

describe('atomic writes', () => {
  test('a mutation that fails halfway leaves nothing behind, and the request goes on', async () => {
    const name = `atomic-${databaseMode}`;
    const after = await asOrgA('both', async (client, session) => {
      await expect(
        session.atomically(async () => {
          await client.project.create({ data: { orgId: orgs.a.orgId, name } });
          // Second write fails: a task in a project that does not exist.
          await client.task.create({ data: { orgId: orgs.a.orgId, projectId: randomUUID(), title: 'orphan' } });
        }),
      ).rejects.toThrow();
      return client.project.count({ where: { name } });
    });
    expect(after).toBe(0);
    expect(await db.prisma.project.count({ where: { name } })).toBe(0);
  });

  test('a mutation reporting userErrors is rolled back too', async () => {
    await asOrgA('both', (client, session) =>
      session.atomically(async () => {
        await client.project.create({ data: { orgId: orgs.a.orgId, name: 'rolled-back' } });
        return { userErrors: [{ code: 'X', message: 'x' }] };
      }),
    );
    expect(await db.prisma.project.count({ where: { name: 'rolled-back' } })).toBe(0);
  });

  test('a request that throws rolls everything back', async () => {
    await expect(
      asOrgA('both', async (client) => {
        await client.project.create({ data: { orgId: orgs.a.orgId, name: 'thrown-away' } });
        throw new Error('halfway');
      }),
    ).rejects.toThrow('halfway');
    expect(await db.prisma.project.count({ where: { name: 'thrown-away' } })).toBe(0);
  });
});

describe('the request connection', () => {
  test('opens with BEGIN, the timeouts, the role switch and app_open_request in one round trip, and ends with COMMIT', async () => {
    statements.length = 0;
    await asOrgA('both', (client) => client.project.count());
    expect(statements[0]).toMatch(
      /^BEGIN;\s*SELECT set_config\('statement_timeout', '\d+', true\), set_config\('lock_timeout', '\d+', true\), set_config\('role', 'orgraph_tenant', true\)[^;]*;\s*SELECT \* FROM app_open_request\(/,
    );
    expect(statements.at(-1)).toBe('COMMIT');
    expect(statements).toHaveLength(3);
  });

  test("Prisma's own transactions are savepoints inside the request's", async () => {
    statements.length = 0;
    const name = `nested-${databaseMode}`;
    await asOrgA('both', (client) =>
      client.project.create({
        data: { orgId: orgs.a.orgId, name, tasks: { create: [{ title: 'nested' }] } },
      }),
    );
    const begins = statements.filter((s) => /^\s*(BEGIN|COMMIT|ROLLBACK)\b/.test(s));
    expect(begins).toEqual([expect.stringMatching(/^BEGIN;/), 'COMMIT']);
    expect(statements.some((s) => /^SAVEPOINT prisma_tx_/.test(s))).toBe(true);
    expect(await db.prisma.task.count({ where: { project: { name } } })).toBe(1);
  });

  test('an invalid API key opens nothing: the request ends before any query', async () => {
    statements.length = 0;
    const credential: Credential = { kind: 'apiKey', publicId: 'puba', secretHash: 'wrong' };
    await expect(
      TenantSession.run(db.connections, { walls: 'both' }, { credential, selectedSlug: null }, () =>
        Promise.resolve('ran'),
      ),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(statements).toEqual([expect.stringMatching(/^BEGIN;/), 'ROLLBACK']);
  });

  test('an anonymous request takes no connection', async () => {
    statements.length = 0;
    const session = await TenantSession.run(
      db.connections,
      { walls: 'both' },
      { credential: { kind: 'none' }, selectedSlug: null },
      async (s) => s,
    );
    expect(statements).toEqual([]);
    expect(() => session.db.project).toThrow(TenancyViolation);
  });

  test('a client kept past its request reaches nothing', async () => {
    for (const walls of ['both', 'rls-only'] as const) {
      let escaped: OrgScopedClient | null = null;
      await asOrgA(walls, async (client) => {
        escaped = client;
      });
      expect(() => escaped!.project.count()).toThrow(TenancyViolation);
    }
  });
});

test('a server built from its configuration runs both walls, whatever TENANCY_WALLS says', async () => {
  const seen: string[] = [];
  const app = await createTestApp({ env: { TENANCY_WALLS: 'none' }, onStatement: (sql) => seen.push(sql) });
  try {
    const { token, orgId } = await app.userWithOrg('walls@example.com', 'walls');
    const project = await app.db.prisma.project.create({ data: { orgId, name: 'walled' } });
    seen.length = 0;
    const res = await app.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: encodeGlobalID('Project', project.id) },
      {
        token,
        org: 'walls',
      },
    );
    expect(res.data.node).not.toBeNull();
    // The database wall: the tenant role. The app wall: the org in the query's own filter.
    expect(seen[0]).toMatch(/set_config\('role', 'orgraph_tenant', true\)/);
    expect(seen.find((sql) => sql.includes('"projects"'))).toMatch(/"org_id" = \$\d/);
  } finally {
    await app.close();
  }
});
