// The two tenancy walls (design.md), each proven sufficient alone: with the
// other one turned off, every cross-org read and write on every org-owned model
// is still blocked.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { TenancyWalls } from '../src/config.js';
import {
  atomically,
  createTenancy,
  runWithOrgScope,
  TenancyViolation,
  type RequestDatabase,
} from '../src/tenancy/scope.js';
import { createTestDatabase, databaseMode, type TestDatabase } from './support/database.js';

let db: TestDatabase;
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

beforeAll(async () => {
  db = await createTestDatabase();
  for (const name of ['a', 'b'] as const) {
    const org = await db.prisma.organization.create({ data: { slug: `org-${name}`, name } });
    const user = await db.prisma.user.create({
      data: { issuer: 'test', subject: name, email: `${name}@example.com`, emailVerified: true },
    });
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

/** Runs `fn` as a request of org A's user with A active, under the given walls. */
function asOrgA<T>(walls: TenancyWalls, fn: (db: RequestDatabase) => Promise<T>): Promise<T> {
  const tenancy = createTenancy(db.prisma, walls);
  return tenancy.run({ userId: orgs.a.userId, userEmail: 'a@example.com', apiKeyPublicId: null }, async (rdb) => {
    await rdb.setOrg(orgs.a.orgId);
    return runWithOrgScope({ orgId: orgs.a.orgId }, () => fn(rdb));
  });
}

/** Ids B owns, per org-owned model: none of them may be read or written from A. */
const ORG_OWNED = ['membership', 'project', 'task', 'invitation', 'apiKey', 'auditEvent'] as const;
const idOfB = (model: (typeof ORG_OWNED)[number]) => orgs.b[`${model}Id` as keyof (typeof orgs)['b']];

describe.each(['both', 'app-only', 'rls-only'] as const)('walls=%s', (walls) => {
  test.each(ORG_OWNED)('%s: reads see only the active org', async (model) => {
    await asOrgA(walls, async ({ client }) => {
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
    await asOrgA(walls, async ({ client }) => {
      const delegate = client[model] as any;
      const field =
        model === 'auditEvent'
          ? { action: 'hijacked' }
          : model === 'task'
            ? { title: 'hijacked' }
            : model === 'membership'
              ? { role: 'MEMBER' }
              : model === 'invitation'
                ? { email: 'hijacked@example.com' }
                : { name: 'hijacked' };
      expect((await delegate.updateMany({ where: { id: idOfB(model) }, data: field })).count).toBe(0);
      expect((await delegate.deleteMany({ where: { id: idOfB(model) } })).count).toBe(0);
      await expect(delegate.update({ where: { id: idOfB(model) }, data: field })).rejects.toThrow();
    });
    expect(await (db.prisma[model] as any).findUnique({ where: { id: idOfB(model) } })).toEqual(before);
  });

  test('creating a row in another org is refused', async () => {
    const attempt = asOrgA(walls, ({ client }) =>
      client.project.create({ data: { orgId: orgs.b.orgId, name: 'planted' } }),
    );
    await expect(attempt).rejects.toThrow();
    expect(await db.prisma.project.count({ where: { name: 'planted' } })).toBe(0);
  });

  test("a row of this org cannot point at another org's row", async () => {
    // Composite foreign keys: (org_id, project_id) must exist together.
    const attempt = asOrgA(walls, ({ client }) =>
      client.task.create({ data: { orgId: orgs.a.orgId, projectId: orgs.b.projectId, title: 'cross' } }),
    );
    await expect(attempt).rejects.toThrow();
    const assignForeignUser = asOrgA(walls, ({ client }) =>
      client.task.update({ where: { id: orgs.a.taskId }, data: { assigneeId: orgs.b.userId } }),
    );
    await expect(assignForeignUser).rejects.toThrow();
    expect(await db.prisma.task.count({ where: { title: 'cross' } })).toBe(0);
  });

  test('relation reads do not leak another org through nested includes', async () => {
    await asOrgA(walls, async ({ client }) => {
      const orgB = await client.organization.findUnique({ where: { id: orgs.b.orgId }, include: { projects: true } });
      if (walls === 'app-only') {
        // Organization is not org-owned: the app wall relies on resolvers asking for
        // the active org only; RLS is what hides it. Its projects still can't be
        // listed through the scoped model.
        expect(await client.project.findMany({ where: { orgId: orgs.b.orgId } })).toEqual([]);
      } else {
        expect(orgB).toBeNull();
      }
    });
  });
});

describe('app wall', () => {
  test('fails closed: an org-owned model outside an org scope throws', async () => {
    const tenancy = createTenancy(db.prisma, 'app-only');
    await expect(
      tenancy.run({ userId: null, userEmail: null, apiKeyPublicId: null }, ({ client }) => client.project.findMany()),
    ).rejects.toThrow(TenancyViolation);
  });

  test('org_id is immutable', async () => {
    await expect(
      asOrgA('app-only', ({ client }) =>
        client.project.update({ where: { id: orgs.a.projectId }, data: { orgId: orgs.b.orgId } }),
      ),
    ).rejects.toThrow(TenancyViolation);
  });
});

describe('database wall', () => {
  test('org_id is immutable even for the table owner', async () => {
    await expect(
      db.prisma.project.update({ where: { id: orgs.a.projectId }, data: { orgId: orgs.b.orgId } }),
    ).rejects.toThrow(/immutable/);
  });

  test('without an org setting the tenant role sees no org-owned rows', async () => {
    const tenancy = createTenancy(db.prisma, 'rls-only');
    const counts = await tenancy.run({ userId: null, userEmail: null, apiKeyPublicId: null }, async ({ client }) =>
      Promise.all([
        client.project.count(),
        client.task.count(),
        client.apiKey.count(),
        client.auditEvent.count(),
        client.organization.count(),
      ]),
    );
    expect(counts).toEqual([0, 0, 0, 0, 0]);
  });

  test('every table with an org_id column has enabled and forced RLS and a policy', async () => {
    const rows = await db.prisma.$queryRaw<{ table: string; enabled: boolean; forced: boolean; policies: number }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
      ORDER BY 1`;
    expect(rows.map((r) => r.table)).toEqual([
      'api_keys',
      'audit_events',
      'invitations',
      'memberships',
      'projects',
      'tasks',
    ]);
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
  /** Org A's user, invited to org B by email, with no org selected: what may they write? */
  async function asInvitee<T>(fn: (db: RequestDatabase) => Promise<T>) {
    const tenancy = createTenancy(db.prisma, 'rls-only');
    return tenancy.run({ userId: orgs.a.userId, userEmail: 'a@example.com', apiKeyPublicId: null }, fn);
  }
  const inviteAToB = (status: 'PENDING' | 'ACCEPTED', role: 'ADMIN' | 'MEMBER' = 'MEMBER') =>
    db.prisma.invitation.create({
      data: {
        orgId: orgs.b.orgId,
        email: 'a@example.com',
        role,
        status,
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 3_600_000),
        respondedAt: status === 'ACCEPTED' ? new Date() : null,
      },
    });
  const joinB = (client: RequestDatabase['client'], role: 'ADMIN' | 'MEMBER') =>
    client.membership.create({ data: { orgId: orgs.b.orgId, userId: orgs.a.userId, role } });

  test('joining needs an invitation accepted for that role', async () => {
    const pending = await inviteAToB('PENDING');
    await expect(asInvitee(({ client }) => joinB(client, 'MEMBER'))).rejects.toThrow();
    await db.prisma.invitation.update({
      where: { id: pending.id },
      data: { status: 'ACCEPTED', respondedAt: new Date() },
    });
    await expect(asInvitee(({ client }) => joinB(client, 'ADMIN'))).rejects.toThrow();
    await asInvitee(({ client }) => joinB(client, 'MEMBER'));
    expect(await db.prisma.membership.count({ where: { orgId: orgs.b.orgId, userId: orgs.a.userId } })).toBe(1);
    await db.prisma.membership.deleteMany({ where: { orgId: orgs.b.orgId, userId: orgs.a.userId } });
    await db.prisma.invitation.delete({ where: { id: pending.id } });
  });

  test('an invitee may only accept or decline, never rewrite, an invitation', async () => {
    const invitation = await inviteAToB('PENDING');
    await expect(
      asInvitee(({ client }) => client.invitation.update({ where: { id: invitation.id }, data: { role: 'ADMIN' } })),
    ).rejects.toThrow();
    await asInvitee(({ client }) =>
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
    const invitation = await inviteAToB('ACCEPTED');
    const event = (action: string) => ({
      orgId: orgs.b.orgId,
      actorId: orgs.a.userId,
      action,
      targetType: 'Invitation',
      targetId: invitation.id,
    });
    await expect(
      asInvitee(({ client }) => client.auditEvent.createMany({ data: event('membership.removed') })),
    ).rejects.toThrow();
    await asInvitee(({ client }) => client.auditEvent.createMany({ data: event('invitation.accepted') }));
    expect(await asInvitee(({ client }) => client.auditEvent.count())).toBe(0);
    await db.prisma.invitation.delete({ where: { id: invitation.id } });
  });
});

describe('atomic writes', () => {
  test('a mutation that fails halfway leaves nothing behind, and the request goes on', async () => {
    const name = `atomic-${databaseMode}`;
    const tenancy = createTenancy(db.prisma, 'both');
    const after = await tenancy.run({ userId: orgs.a.userId, userEmail: null, apiKeyPublicId: null }, async (rdb) => {
      await rdb.setOrg(orgs.a.orgId);
      return runWithOrgScope({ orgId: orgs.a.orgId }, async () => {
        await expect(
          atomically(rdb, async () => {
            await rdb.client.project.create({ data: { orgId: orgs.a.orgId, name } });
            // Second write fails: a task in a project that does not exist.
            await rdb.client.task.create({ data: { orgId: orgs.a.orgId, projectId: randomUUID(), title: 'orphan' } });
          }),
        ).rejects.toThrow();
        return rdb.client.project.count({ where: { name } });
      });
    });
    expect(after).toBe(0);
    expect(await db.prisma.project.count({ where: { name } })).toBe(0);
  });

  test('a mutation reporting userErrors is rolled back too', async () => {
    const tenancy = createTenancy(db.prisma, 'both');
    await tenancy.run({ userId: orgs.a.userId, userEmail: null, apiKeyPublicId: null }, async (rdb) => {
      await rdb.setOrg(orgs.a.orgId);
      await runWithOrgScope({ orgId: orgs.a.orgId }, () =>
        atomically(rdb, async () => {
          await rdb.client.project.create({ data: { orgId: orgs.a.orgId, name: 'rolled-back' } });
          return { userErrors: [{ code: 'X', message: 'x' }] };
        }),
      );
    });
    expect(await db.prisma.project.count({ where: { name: 'rolled-back' } })).toBe(0);
  });
});
