// Races between concurrent requests: one invitation accepted fifty times at
// once, two admins demoting, removing or leaving at the same moment, two
// invitations of one email. Only PostgreSQL runs requests in parallel (PGlite
// runs one query at a time), so these run only with TEST_DATABASE_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateInvitationToken } from '../src/auth/invitation-token.js';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { createTestApp, type GqlResponse, type TestApp } from './support/app.js';
import { databaseMode } from './support/database.js';

if (databaseMode !== 'postgres') {
  console.info(
    'concurrency.test.ts skipped: races need PostgreSQL (set TEST_DATABASE_URL); PGlite runs one query at a time.',
  );
}

const ACCEPT = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { membership { id role } userErrors { code } } }`;
const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { invitation { id email status } userErrors { code } } }`;
const DEMOTE = `mutation($input: UpdateMembershipRoleInput!) {
  updateMembershipRole(input: $input) { membership { id role } userErrors { code } } }`;
const REMOVE = `mutation($input: MembershipRefInput!) {
  removeMembership(input: $input) { removedMembershipId userErrors { code } } }`;
const LEAVE = `mutation { leaveOrganization { removedMembershipId userErrors { code } } }`;

/** 'ok', a userError code, or `error:<extensions.code>` for a top-level error. */
function outcome(res: GqlResponse, field: string): string {
  if (res.errors?.length) return `error:${res.errors[0]!.extensions?.code ?? res.errors[0]!.message}`;
  const codes = (res.data[field].userErrors as { code: string }[]).map((e) => e.code);
  return codes.length ? codes.join(',') : 'ok';
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

describe.skipIf(databaseMode !== 'postgres')('concurrent requests (PostgreSQL)', () => {
  let app: TestApp;
  /** Holds row or table locks so that racing requests queue at the same point (see gated). */
  let gate: pg.Client;
  /** Watches pg_stat_activity, outside the gate's transaction (whose snapshot of it is frozen). */
  let watch: pg.Client;

  beforeAll(async () => {
    app = await createTestApp();
    gate = new pg.Client({ connectionString: app.db.url! });
    watch = new pg.Client({ connectionString: app.db.url! });
    await Promise.all([gate.connect(), watch.connect()]);
  });
  afterAll(async () => {
    await Promise.all([gate?.end(), watch?.end()]);
    await app?.close();
  });

  /**
   * Runs `race` while the gate holds `lockSql`, and lets go once `waiters`
   * requests are blocked behind it: they all passed their checks before any of
   * them could commit, so every round is a real race, not two calls in turn.
   */
  async function gated<T>(lockSql: string, params: unknown[], waiters: number, race: () => Promise<T>): Promise<T> {
    await gate.query('BEGIN');
    try {
      // Read inside the transaction: behind a pooler in transaction mode, each transaction may get another backend.
      const gatePid = (await gate.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await gate.query(lockSql, params);
      const racing = race();
      const deadline = Date.now() + 5_000; // an implementation that serializes elsewhere never queues here
      for (;;) {
        // Blocked by the gate or, queued behind its first waiter, by that waiter.
        const { rows } = await watch.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0`,
          [gatePid],
        );
        if (rows[0]!.n >= waiters || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await gate.query('COMMIT');
      return await racing;
    } catch (error) {
      await gate.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /** A signed-in user known to the server (their row exists, the token's claims are cached). */
  async function signedIn(email: string) {
    const token = await app.token(email);
    await app.gql('{ viewer { user { id } } }', {}, { token });
    const user = await app.db.prisma.user.findFirstOrThrow({ where: { email } });
    return { token, userId: user.id, email };
  }

  describe('fifty acceptInvitation calls for one invitation', () => {
    test.each(['invitationId', 'token'] as const)(
      'by %s: exactly one membership, 49 INVITATION_NOT_PENDING',
      async (by) => {
        const name = by.toLowerCase(); // emails and slugs are stored lowercase
        const owner = await app.userWithOrg(`owner-${name}@example.com`, `accept-by-${name}`);
        const invitee = await signedIn(`joiner-${name}@example.com`);
        const { token, tokenHash } = generateInvitationToken();
        // Stored directly, so the test holds the token (no mailer here).
        const invitation = await app.db.prisma.invitation.create({
          data: {
            orgId: owner.orgId,
            email: invitee.email,
            role: 'MEMBER',
            tokenHash,
            expiresAt: new Date(Date.now() + 3_600_000),
          },
        });
        const input = by === 'token' ? { token } : { invitationId: encodeGlobalID('Invitation', invitation.id) };

        const results = await Promise.all(
          Array.from({ length: 50 }, () => app.gql(ACCEPT, { input }, { token: invitee.token })),
        );

        expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
        expect(tally(results.map((r) => outcome(r, 'acceptInvitation')))).toEqual({
          ok: 1,
          INVITATION_NOT_PENDING: 49,
        });
        expect(await app.db.prisma.membership.count({ where: { orgId: owner.orgId, userId: invitee.userId } })).toBe(1);
        const stored = await app.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
        expect(stored.status).toBe('ACCEPTED');
      },
    );
  });

  describe('two admins, the only two, acting against each other at the same moment', () => {
    const ROUNDS = 10;

    interface Admin {
      token: string;
      userId: string;
      email: string;
      /** Global id of their current membership (re-created after a removal). */
      membershipId: string;
    }

    /** An org created by a, and b signed in; resetAdmins makes them its only two admins. */
    async function twoAdminOrg(slug: string) {
      const a = await app.userWithOrg(`a@${slug}.example.com`, slug);
      const b = await signedIn(`b@${slug}.example.com`);
      const aUser = await app.db.prisma.user.findFirstOrThrow({ where: { email: `a@${slug}.example.com` } });
      return {
        slug,
        orgId: a.orgId,
        a: { token: a.token, userId: aUser.id, email: aUser.email },
        b,
      };
    }

    type Org = Awaited<ReturnType<typeof twoAdminOrg>>;

    /** Both back as ADMIN (re-promoted or re-added), with their current membership ids. */
    async function resetAdmins(org: Org): Promise<[Admin, Admin]> {
      const admins = [];
      for (const user of [org.a, org.b]) {
        const membership = await app.db.prisma.membership.upsert({
          where: { orgId_userId: { orgId: org.orgId, userId: user.userId } },
          create: { orgId: org.orgId, userId: user.userId, role: 'ADMIN' },
          update: { role: 'ADMIN' },
        });
        admins.push({ ...user, membershipId: encodeGlobalID('Membership', membership.id) });
      }
      expect(await app.db.prisma.membership.count({ where: { orgId: org.orgId } })).toBe(2);
      return admins as [Admin, Admin];
    }

    const demote = (org: Org, actor: Admin, target: Admin) =>
      app.gql(
        DEMOTE,
        { input: { membershipId: target.membershipId, role: 'MEMBER' } },
        { token: actor.token, org: org.slug },
      );
    const remove = (org: Org, actor: Admin, target: Admin) =>
      app.gql(REMOVE, { input: { membershipId: target.membershipId } }, { token: actor.token, org: org.slug });
    const leave = (org: Org, actor: Admin) => app.gql(LEAVE, {}, { token: actor.token, org: org.slug });

    /** Runs one round behind the gate on the org's memberships: both requests queue at the admin lock. */
    function race(org: Org, calls: () => [Promise<GqlResponse>, Promise<GqlResponse>]) {
      return gated('SELECT id FROM memberships WHERE org_id = $1 FOR UPDATE', [org.orgId], 2, () =>
        Promise.all(calls()),
      );
    }

    async function adminsOf(org: Org) {
      return app.db.prisma.membership.findMany({
        where: { orgId: org.orgId, role: 'ADMIN' },
        select: { userId: true },
      });
    }

    test.each([
      ['demote each other', 'updateMembershipRole', 'updateMembershipRole', demote, demote],
      ['remove each other', 'removeMembership', 'removeMembership', remove, remove],
      ['both leave', 'leaveOrganization', 'leaveOrganization', leave, leave],
      // a's removal of b and b's demotion of a: whichever runs second would leave no admin.
      ['one removes the other, who demotes the first', 'removeMembership', 'updateMembershipRole', remove, demote],
    ] as const)(
      '%s: exactly one succeeds, the other gets LAST_ADMIN, one admin remains',
      async (_name, fieldA, fieldB, actA, actB) => {
        const org = await twoAdminOrg(`race-${fieldA.slice(0, 6)}-${fieldB.slice(0, 6)}`.toLowerCase());
        for (let round = 0; round < ROUNDS; round++) {
          const [a, b] = await resetAdmins(org);
          const [resA, resB] = await race(org, () => [actA(org, a, b), actB(org, b, a)]);
          const outcomes = [outcome(resA, fieldA), outcome(resB, fieldB)];
          expect(outcomes.sort(), `round ${round}`).toEqual(['LAST_ADMIN', 'ok']);
          expect(await adminsOf(org), `round ${round}`).toHaveLength(1);
        }
      },
    );

    test('one demotes the other while the other leaves: the leaver is gone, one admin remains, no failure', async () => {
      const org = await twoAdminOrg('race-demote-leave');
      for (let round = 0; round < ROUNDS; round++) {
        const [a, b] = await resetAdmins(org);
        const [demoted, left] = await race(org, () => [demote(org, a, b), leave(org, b)]);
        // b leaves either way: as an admin (a stays) or, demoted first, as a member.
        expect(outcome(left, 'leaveOrganization'), `round ${round}`).toBe('ok');
        // a's demotion wins, or finds b's membership gone: NOT_FOUND, as for any missing id.
        const demotion = outcome(demoted, 'updateMembershipRole');
        expect(['ok', 'error:NOT_FOUND'], `round ${round}: ${JSON.stringify(demoted)}`).toContain(demotion);
        expect(await adminsOf(org), `round ${round}`).toEqual([{ userId: a.userId }]);
        expect(await app.db.prisma.membership.count({ where: { orgId: org.orgId } }), `round ${round}`).toBe(1);
      }
    });
  });

  test('two inviteMember calls for one email at once: one pending invitation, no error', async () => {
    const admin = await app.userWithOrg('admin@invite-race.example.com', 'invite-race');
    for (let round = 0; round < 10; round++) {
      const email = `twice-${round}@example.com`;
      // Both requests queue behind a lock on the table, then look for a pending invitation together.
      const results = await gated('LOCK TABLE invitations IN ACCESS EXCLUSIVE MODE', [], 2, () =>
        Promise.all(
          [0, 1].map(() => app.gql(INVITE, { input: { email } }, { token: admin.token, org: 'invite-race' })),
        ),
      );
      expect(
        results.map((r) => outcome(r, 'inviteMember')),
        `round ${round}`,
      ).toEqual(['ok', 'ok']);
      // The second renewed the first: both answer with the same invitation.
      const [first, second] = results.map((r) => r.data.inviteMember.invitation);
      expect(first).toMatchObject({ email, status: 'PENDING' });
      expect(second).toEqual(first);
      const stored = await app.db.prisma.invitation.findMany({ where: { orgId: admin.orgId, email } });
      expect(
        stored.map((i) => i.status),
        `round ${round}`,
      ).toEqual(['PENDING']);
    }
  });

  test('ten invites at once against a limit of two: exactly two are sent', async () => {
    const limited = await createTestApp({ env: { INVITE_LIMIT_PER_INVITER_PER_HOUR: '2' } });
    try {
      const admin = await limited.userWithOrg('admin@burst.example.com', 'burst');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          limited.gql(INVITE, { input: { email: `burst-${i}@example.com` } }, { token: admin.token, org: 'burst' }),
        ),
      );
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok').sort();
      expect(codes).toEqual([...Array(2).fill('ok'), ...Array(8).fill('RATE_LIMITED')].sort());
      expect(await limited.db.prisma.invitation.count({ where: { orgId: admin.orgId } })).toBe(2);
    } finally {
      await limited.close();
    }
  });

  test('an invitation downgraded while being accepted grants the downgraded role', async () => {
    const admin = await app.userWithOrg('admin@downgrade.example.com', 'downgrade');
    const invitee = await signedIn('promoted@example.com');
    const invite = await app.gql(
      INVITE,
      { input: { email: invitee.email, role: 'ADMIN' } },
      { token: admin.token, org: 'downgrade' },
    );
    const invitationId = invite.data.inviteMember.invitation.id;
    const row = await app.db.prisma.invitation.findFirstOrThrow({ where: { email: invitee.email } });
    // The admin's downgrade holds the row while the invitee's accept reads the old role, then commits.
    const accepted = await gated(`UPDATE invitations SET role = 'MEMBER' WHERE id = $1`, [row.id], 1, () =>
      app.gql(ACCEPT, { input: { invitationId } }, { token: invitee.token }),
    );
    expect(accepted.data.acceptInvitation).toMatchObject({ membership: { role: 'MEMBER' }, userErrors: [] });
  });
  test('a member removed while a task is assigned to them: the task ends unassigned or the assignment is refused, never an error', async () => {
    const admin = await app.userWithOrg('admin@assign-race.example.com', 'assign-race');
    const as = { token: admin.token, org: 'assign-race' };
    const project = await app.db.prisma.project.create({ data: { orgId: admin.orgId, name: 'race' } });
    const task = await app.db.prisma.task.create({
      data: { orgId: admin.orgId, projectId: project.id, title: 'race' },
    });
    const outcomes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const member = await signedIn(`member-${round}@assign-race.example.com`);
      const membership = await app.db.prisma.membership.create({
        data: { orgId: admin.orgId, userId: member.userId, role: 'MEMBER' },
      });
      const [assigned, removed] = await Promise.all([
        app.gql(
          `mutation($t: ID!, $u: ID!) { updateTask(input: { taskId: $t, assigneeId: $u }) { task { id } userErrors { code } } }`,
          { t: encodeGlobalID('Task', task.id), u: encodeGlobalID('User', member.userId) },
          as,
        ),
        app.gql(REMOVE, { input: { membershipId: encodeGlobalID('Membership', membership.id) } }, as),
      ]);
      expect(outcome(removed, 'removeMembership'), `round ${round}`).toBe('ok');
      outcomes.push(outcome(assigned, 'updateTask'));
      expect(['ok', 'ASSIGNEE_NOT_MEMBER']).toContain(outcomes.at(-1));
      expect((await app.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBeNull();
    }
  });
});
