// The team lifecycle: organizations, invitations, memberships, audit events and
// API-key management, for every kind of caller the contract names.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseApiKey } from '../src/auth/api-key.js';
import { generateInvitationToken } from '../src/auth/invitation-token.js';
import { encodeGlobalID } from '../src/lib/global-id.js';
import { graphql } from './generated/gql.js';
import { codeOf, createTestApp, type CallOptions, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const Invite = graphql(`
  mutation Invite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      invitation {
        id
        email
        role
        status
        organization {
          slug
        }
        invitedBy {
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

const Accept = graphql(`
  mutation Accept($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      membership {
        role
        organization {
          slug
        }
        user {
          email
        }
      }
      userErrors {
        code
      }
    }
  }
`);

const Decline = graphql(`
  mutation Decline($input: AcceptInvitationInput!) {
    declineInvitation(input: $input) {
      invitation {
        status
        organization {
          id
          slug
          name
        }
      }
      userErrors {
        code
      }
    }
  }
`);

const Revoke = graphql(`
  mutation Revoke($input: InvitationRefInput!) {
    revokeInvitation(input: $input) {
      invitation {
        status
      }
      userErrors {
        code
      }
    }
  }
`);

const Resend = graphql(`
  mutation Resend($input: InvitationRefInput!) {
    resendInvitation(input: $input) {
      invitation {
        status
        expiresAt
      }
      userErrors {
        code
      }
    }
  }
`);

const UpdateRole = graphql(`
  mutation UpdateRole($input: UpdateMembershipRoleInput!) {
    updateMembershipRole(input: $input) {
      membership {
        role
      }
      userErrors {
        code
      }
    }
  }
`);

const Remove = graphql(`
  mutation Remove($input: MembershipRefInput!) {
    removeMembership(input: $input) {
      removedMembershipId
      userErrors {
        code
      }
    }
  }
`);

const Leave = graphql(`
  mutation Leave {
    leaveOrganization {
      removedMembershipId
      userErrors {
        code
      }
    }
  }
`);

const UpdateOrg = graphql(`
  mutation UpdateOrg($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      organization {
        name
        slug
      }
      userErrors {
        code
        field
      }
    }
  }
`);

const DeleteOrg = graphql(`
  mutation DeleteOrg($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) {
      deletedOrganizationId
      userErrors {
        code
      }
    }
  }
`);

const CreateKey = graphql(`
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        id
        name
        prefix
        scopes
        createdBy {
          email
        }
      }
      secret
      userErrors {
        code
        field
      }
    }
  }
`);

const RevokeKey = graphql(`
  mutation RevokeKey($input: ApiKeyRefInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        revokedAt
      }
      userErrors {
        code
      }
    }
  }
`);

const OrgLists = graphql(`
  query OrgLists($status: InvitationStatus) {
    organization {
      slug
      invitations(status: $status) {
        totalCount
        edges {
          node {
            email
            status
            invitedBy {
              email
            }
          }
        }
      }
      apiKeys {
        totalCount
        edges {
          node {
            name
            prefix
          }
        }
      }
      auditEvents(first: 50) {
        totalCount
        edges {
          node {
            action
            actor {
              email
            }
            targetType
            targetId
          }
        }
      }
    }
  }
`);

const Pending = graphql(`
  query Pending {
    viewer {
      pendingInvitations {
        id
        email
        role
        status
        organization {
          id
          slug
          name
          members {
            totalCount
          }
        }
        invitedBy {
          email
        }
      }
    }
  }
`);

interface Team {
  slug: string;
  orgId: string;
  admin: string;
  member: string;
  memberId: string;
  adminMembershipId: string;
  outsider: string;
  apiKey: string;
}

let teamCount = 0;

/** A fresh org with an admin, a member, an outsider (admin elsewhere) and a READ+WRITE key. */
async function team(): Promise<Team> {
  const n = ++teamCount;
  const admin = await app.userWithOrg(`admin${n}@example.com`, `team-${n}`);
  const outsider = await app.userWithOrg(`outsider${n}@example.com`, `elsewhere-${n}`);
  const member = await app.token(`member${n}@example.com`);
  const invite = await app.gql(Invite, { input: { email: `member${n}@example.com` } }, { token: admin.token });
  const invitationId = invite.data!.inviteMember.invitation!.id;
  await app.gql(Accept, { input: { invitationId } }, { token: member });
  const memberships = await app.db.prisma.membership.findMany({
    where: { orgId: admin.orgId },
    include: { user: true },
  });
  const id = (email: string) => encodeGlobalID('Membership', memberships.find((m) => m.user.email === email)!.id);
  return {
    slug: admin.slug,
    orgId: admin.orgId,
    admin: admin.token,
    member,
    memberId: id(`member${n}@example.com`),
    adminMembershipId: id(`admin${n}@example.com`),
    outsider: outsider.token,
    apiKey: await app.apiKey(admin.orgId, ['READ', 'WRITE']),
  };
}

describe('who may call what', () => {
  let t: Team;
  beforeEach(async () => {
    t = await team();
  });

  /** Every org-scoped mutation with inputs valid for team `t`. */
  const mutations = () =>
    [
      ['inviteMember', Invite, { input: { email: 'someone@example.com' } }],
      ['updateOrganization', UpdateOrg, { input: { name: 'Renamed' } }],
      ['deleteOrganization', DeleteOrg, { input: { confirmSlug: t.slug } }],
      ['updateMembershipRole', UpdateRole, { input: { membershipId: t.memberId, role: 'ADMIN' } }],
      ['removeMembership', Remove, { input: { membershipId: t.memberId } }],
      ['leaveOrganization', Leave, {}],
      ['createApiKey', CreateKey, { input: { name: 'ci', scopes: ['READ'] } }],
    ] as const;

  test('no credentials: UNAUTHENTICATED, nothing changes', async () => {
    for (const [name, doc, variables] of mutations()) {
      const res = await app.gql(doc as any, variables, { org: t.slug });
      expect(codeOf(res), name).toBe('UNAUTHENTICATED');
    }
    expect(await app.db.prisma.organization.findUnique({ where: { id: t.orgId } })).toMatchObject({ name: t.slug });
  });

  test('a non-member selecting the org: NOT_FOUND, exactly as for a missing org', async () => {
    for (const [name, doc, variables] of mutations()) {
      const foreign = await app.gql(doc as any, variables, { token: t.outsider, org: t.slug });
      const missing = await app.gql(doc as any, variables, { token: t.outsider, org: 'no-such-org' });
      expect(codeOf(foreign), name).toBe('NOT_FOUND');
      expect(foreign.errors?.[0]?.message, name).toBe(missing.errors?.[0]?.message);
    }
    expect(await app.db.prisma.membership.count({ where: { orgId: t.orgId } })).toBe(2);
  });

  test('invitation mutations and pendingInvitations for every caller', async () => {
    const invite = await app.gql(Invite, { input: { email: 'matrix@example.com' } }, { token: t.admin, org: t.slug });
    const ref = { input: { invitationId: invite.data!.inviteMember.invitation!.id } };
    for (const doc of [Revoke, Resend, Accept, Decline] as any[]) {
      expect(codeOf(await app.gql(doc, ref, { org: t.slug }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await app.gql(doc, ref, { apiKey: t.apiKey }))).toBe('FORBIDDEN');
    }
    for (const doc of [Revoke, Resend] as any[]) {
      expect(codeOf(await app.gql(doc, ref, { token: t.outsider, org: t.slug }))).toBe('NOT_FOUND');
    }
    // Someone else's invitation is invisible to a signed-in user, member or not.
    for (const doc of [Accept, Decline] as any[]) {
      expect(codeOf(await app.gql(doc, ref, { token: t.outsider }))).toBe('NOT_FOUND');
      expect(codeOf(await app.gql(doc, ref, { token: t.member, org: t.slug }))).toBe('NOT_FOUND');
    }
    expect(codeOf(await app.gql(Pending, {}))).toBe('UNAUTHENTICATED');
    expect((await app.gql(Pending, {}, { apiKey: t.apiKey })).data!.viewer.pendingInvitations).toEqual([]);
    expect((await app.gql(Pending, {}, { token: t.outsider })).data!.viewer.pendingInvitations).toEqual([]);
    expect((await app.db.prisma.invitation.findFirstOrThrow({ where: { email: 'matrix@example.com' } })).status).toBe(
      'PENDING',
    );
  });

  test('no organization selected: BAD_USER_INPUT saying how to select one', async () => {
    const loner = await app.token('loner@example.com');
    const res = await app.gql(Invite, { input: { email: 'x@example.com' } }, { token: loner });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/X-Organization/);
  });

  test('a member: invites members; admin-only mutations are FORBIDDEN', async () => {
    const as: CallOptions = { token: t.member, org: t.slug };
    expect((await app.gql(Invite, { input: { email: 'new@example.com' } }, as)).data!.inviteMember.userErrors).toEqual(
      [],
    );
    const adminInvite = await app.gql(Invite, { input: { email: 'boss@example.com', role: 'ADMIN' } }, as);
    expect(codeOf(adminInvite)).toBe('FORBIDDEN');
    for (const [name, doc, variables] of mutations()) {
      if (name === 'inviteMember' || name === 'leaveOrganization') continue;
      expect(codeOf(await app.gql(doc as any, variables, as)), name).toBe('FORBIDDEN');
    }
    expect(await app.db.prisma.organization.findUnique({ where: { id: t.orgId } })).not.toBeNull();
    expect(await app.db.prisma.invitation.count({ where: { email: 'boss@example.com' } })).toBe(0);
  });

  test('an API key never manages members, invitations or keys, whatever its scopes', async () => {
    for (const [name, doc, variables] of mutations()) {
      expect(codeOf(await app.gql(doc as any, variables, { apiKey: t.apiKey })), name).toBe('FORBIDDEN');
    }
    for (const doc of [Accept, Decline] as any[]) {
      expect(codeOf(await app.gql(doc, { input: { token: 'ogi_x' } }, { apiKey: t.apiKey }))).toBe('FORBIDDEN');
    }
    expect(await app.db.prisma.membership.count({ where: { orgId: t.orgId } })).toBe(2);
  });

  test('reading invitations, API keys and audit events', async () => {
    const read = (as: CallOptions) => app.gql(OrgLists, {}, as);
    const admin = await read({ token: t.admin, org: t.slug });
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.organization!.invitations!.totalCount).toBe(1);
    expect(admin.data!.organization!.apiKeys!.totalCount).toBe(1);
    expect(admin.data!.organization!.auditEvents!.totalCount).toBeGreaterThan(0);

    const member = await read({ token: t.member, org: t.slug });
    expect(member.data!.organization!.invitations!.totalCount).toBe(1);
    expect(member.data!.organization!.apiKeys).toBeNull();
    expect(member.data!.organization!.auditEvents).toBeNull();
    expect(member.errors!.map((e) => [e.path?.at(-1), e.extensions?.code]).sort()).toEqual([
      ['apiKeys', 'FORBIDDEN'],
      ['auditEvents', 'FORBIDDEN'],
    ]);

    const key = await read({ apiKey: t.apiKey });
    expect(key.data!.organization!.invitations).toBeNull();
    expect(key.data!.organization!.apiKeys).toBeNull();
    expect(key.data!.organization!.auditEvents).toBeNull();
    expect(key.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);

    expect(await read({ token: t.outsider, org: t.slug })).toEqual({ status: 200, data: { organization: null } });
    expect(codeOf(await read({ org: t.slug }))).toBe('UNAUTHENTICATED');
  });
});

describe('objects by id follow the same rules as the lists', () => {
  test('audit events, invitations, API keys and memberships by node id', async () => {
    const t = await team();
    const readOnly = await app.apiKey(t.orgId, ['READ']);
    const writeOnly = await app.apiKey(t.orgId, ['WRITE']);
    const event = await app.db.prisma.auditEvent.findFirstOrThrow({ where: { orgId: t.orgId } });
    await app.db.prisma.auditEvent.update({
      where: { id: event.id },
      data: { apiKeyId: (await app.db.prisma.apiKey.findFirstOrThrow({ where: { orgId: t.orgId } })).id },
    });
    const invitation = await app.db.prisma.invitation.findFirstOrThrow({ where: { orgId: t.orgId } });
    // The team's own key: neither of the two callers below.
    const callers = [readOnly, writeOnly].map((k) => parseApiKey(k)!.publicId);
    const key = await app.db.prisma.apiKey.findFirstOrThrow({
      where: { orgId: t.orgId, publicId: { notIn: callers } },
    });
    const ids = {
      event: encodeGlobalID('AuditEvent', event.id),
      invitation: encodeGlobalID('Invitation', invitation.id),
      key: encodeGlobalID('ApiKey', key.id),
      membership: t.memberId,
    };
    const node = (id: string, as: CallOptions) =>
      app.gql('query($id: ID!) { node(id: $id) { id ... on AuditEvent { apiKey { name } } } }', { id }, as);
    const member = { token: t.member, org: t.slug };
    const admin = { token: t.admin, org: t.slug };
    // Admins see everything of their org.
    for (const id of Object.values(ids)) expect((await node(id, admin)).data.node?.id).toBe(id);
    // Members: memberships and invitations, not audit events or keys.
    expect((await node(ids.membership, member)).data.node?.id).toBe(ids.membership);
    expect((await node(ids.invitation, member)).data.node?.id).toBe(ids.invitation);
    for (const id of [ids.event, ids.key]) expect(codeOf(await node(id, member))).toBe('FORBIDDEN');
    // A READ key: memberships, not invitations, audit events or other keys.
    expect((await node(ids.membership, { apiKey: readOnly })).data.node?.id).toBe(ids.membership);
    for (const id of [ids.invitation, ids.event, ids.key])
      expect(codeOf(await node(id, { apiKey: readOnly }))).toBe('FORBIDDEN');
    // A WRITE-only key reads none of it.
    for (const id of Object.values(ids)) expect(codeOf(await node(id, { apiKey: writeOnly }))).toBe('FORBIDDEN');
    // No org selected, or no credentials: nothing is visible, and nothing breaks.
    const loner = await app.token('no-org@example.com');
    for (const id of Object.values(ids)) {
      expect(await node(id, { token: loner })).toEqual({ status: 200, data: { node: null } });
      expect(await node(id, {})).toEqual({ status: 200, data: { node: null } });
    }
  });
});

describe('invitations', () => {
  let t: Team;
  beforeEach(async () => {
    t = await team();
  });

  test('invite, see it pending, accept by id: a membership with the invited role, audited', async () => {
    const carol = await app.token('carol@example.com');
    const invite = await app.gql(
      Invite,
      { input: { email: ' Carol@Example.com ', role: 'ADMIN' } },
      { token: t.admin, org: t.slug },
    );
    expect(invite.data!.inviteMember).toMatchObject({
      invitation: { email: 'carol@example.com', role: 'ADMIN', status: 'PENDING', organization: { slug: t.slug } },
      userErrors: [],
    });

    const pending = await app.gql(Pending, {}, { token: carol });
    const [invitation] = pending.data!.viewer.pendingInvitations;
    // The invitee sees the inviting org's id, slug and name, nothing else of it.
    expect(invitation).toMatchObject({ email: 'carol@example.com', role: 'ADMIN', invitedBy: null });
    expect(invitation!.organization).toMatchObject({
      id: encodeGlobalID('Organization', t.orgId),
      slug: t.slug,
      members: null,
    });
    expect(pending.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const accepted = await app.gql(Accept, { input: { invitationId: invitation!.id } }, { token: carol });
    expect(accepted.data!.acceptInvitation).toEqual({
      membership: { role: 'ADMIN', organization: { slug: t.slug }, user: { email: 'carol@example.com' } },
      userErrors: [],
    });
    expect((await app.gql(Pending, {}, { token: carol })).data!.viewer.pendingInvitations).toEqual([]);
    // The new member's first org became their active one.
    expect((await app.gql('{ organization { slug } }', {}, { token: carol })).data.organization.slug).toBe(t.slug);

    const audit = await app.gql(OrgLists, {}, { token: t.admin, org: t.slug });
    const actions = audit.data!.organization!.auditEvents!.edges.map((e) => e.node.action);
    expect(actions.slice(0, 2)).toEqual(['invitation.accepted', 'invitation.created']);
    expect(audit.data!.organization!.auditEvents!.edges[0]!.node.actor).toEqual({ email: 'carol@example.com' });
  });

  test('accept by token; the token works once and only for the invited, verified email', async () => {
    const { token, tokenHash } = generateInvitationToken();
    await app.db.prisma.invitation.create({
      data: {
        orgId: t.orgId,
        email: 'dave@example.com',
        role: 'MEMBER',
        tokenHash,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const mallory = await app.token('mallory@example.com');
    expect((await app.gql(Accept, { input: { token } }, { token: mallory })).data!.acceptInvitation.userErrors).toEqual(
      [{ code: 'EMAIL_MISMATCH' }],
    );
    const unverified = await app.token('dave@example.com', { emailVerified: false, subject: 'dave-unverified' });
    expect(
      (await app.gql(Accept, { input: { token } }, { token: unverified })).data!.acceptInvitation.userErrors,
    ).toEqual([{ code: 'EMAIL_NOT_VERIFIED' }]);
    const dave = await app.token('DAVE@example.com');
    expect((await app.gql(Accept, { input: { token } }, { token: dave })).data!.acceptInvitation.userErrors).toEqual(
      [],
    );
    expect((await app.gql(Accept, { input: { token } }, { token: dave })).data!.acceptInvitation.userErrors).toEqual([
      { code: 'INVITATION_NOT_PENDING' },
    ]);
    expect(codeOf(await app.gql(Accept, { input: { token: 'ogi_not-a-real-token' } }, { token: dave }))).toBe(
      'NOT_FOUND',
    );
    expect(await app.db.prisma.membership.count({ where: { orgId: t.orgId } })).toBe(3);
  });

  test('accepting while already a member is ALREADY_MEMBER and changes nothing', async () => {
    const { token, tokenHash } = generateInvitationToken();
    const email = `member${teamCount}@example.com`;
    await app.db.prisma.invitation.create({
      data: { orgId: t.orgId, email, role: 'ADMIN', tokenHash, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const res = await app.gql(Accept, { input: { token } }, { token: t.member });
    expect(res.data!.acceptInvitation).toEqual({ membership: null, userErrors: [{ code: 'ALREADY_MEMBER' }] });
    expect((await app.db.prisma.invitation.findUniqueOrThrow({ where: { tokenHash } })).status).toBe('PENDING');
    expect(await app.db.prisma.membership.count({ where: { orgId: t.orgId, role: 'ADMIN' } })).toBe(1);
  });

  test('give exactly one of token and invitationId', async () => {
    const erin = await app.token('erin@example.com');
    for (const input of [{}, { token: 'ogi_x', invitationId: encodeGlobalID('Invitation', t.orgId) }]) {
      expect((await app.gql(Accept, { input }, { token: erin })).data!.acceptInvitation.userErrors).toEqual([
        { code: 'INVALID_INPUT' },
      ]);
    }
  });

  test("another org's or someone else's invitation id behaves like a missing one", async () => {
    const invite = await app.gql(Invite, { input: { email: 'frank@example.com' } }, { token: t.admin, org: t.slug });
    const id = invite.data!.inviteMember.invitation!.id;
    const grace = await app.token('grace@example.com');
    expect(codeOf(await app.gql(Accept, { input: { invitationId: id } }, { token: grace }))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Revoke, { input: { invitationId: id } }, { token: t.outsider }))).toBe('NOT_FOUND');
    const other = await team();
    expect(
      codeOf(await app.gql(Revoke, { input: { invitationId: id } }, { token: other.admin, org: other.slug })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Revoke, { input: { invitationId: 'garbage' } }, { token: t.admin, org: t.slug }))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await app.db.prisma.invitation.findFirstOrThrow({ where: { email: 'frank@example.com' } })).status).toBe(
      'PENDING',
    );
  });

  test("declining: the invitee keeps seeing the org's name through the invitation", async () => {
    await app.gql(Invite, { input: { email: 'heidi@example.com' } }, { token: t.admin, org: t.slug });
    const heidi = await app.token('heidi@example.com');
    const [invitation] = (await app.gql(Pending, {}, { token: heidi })).data!.viewer.pendingInvitations;
    const declined = await app.gql(Decline, { input: { invitationId: invitation!.id } }, { token: heidi });
    expect(declined.data!.declineInvitation).toEqual({
      invitation: {
        status: 'DECLINED',
        organization: { id: encodeGlobalID('Organization', t.orgId), slug: t.slug, name: t.slug },
      },
      userErrors: [],
    });
    expect(
      await app.db.prisma.membership.count({ where: { orgId: t.orgId, user: { email: 'heidi@example.com' } } }),
    ).toBe(0);
  });

  test('expired invitations show EXPIRED and cannot be accepted; resending renews them', async () => {
    const { tokenHash } = generateInvitationToken();
    const expired = await app.db.prisma.invitation.create({
      data: {
        orgId: t.orgId,
        email: 'ivan@example.com',
        role: 'MEMBER',
        tokenHash,
        expiresAt: new Date(Date.now() - 1000),
        invitedById: null,
      },
    });
    const ivan = await app.token('ivan@example.com');
    const id = encodeGlobalID('Invitation', expired.id);
    // Not pending any more for the invitee's list; by id it is EXPIRED.
    expect((await app.gql(Pending, {}, { token: ivan })).data!.viewer.pendingInvitations).toEqual([]);
    expect(
      (await app.gql(Accept, { input: { invitationId: id } }, { token: ivan })).data!.acceptInvitation.userErrors,
    ).toEqual([{ code: 'INVITATION_EXPIRED' }]);
    const list = await app.gql(OrgLists, { status: 'EXPIRED' }, { token: t.admin, org: t.slug });
    expect(list.data!.organization!.invitations!.edges.map((e) => e.node)).toEqual([
      { email: 'ivan@example.com', status: 'EXPIRED', invitedBy: null },
    ]);
    const resent = await app.gql(Resend, { input: { invitationId: id } }, { token: t.admin, org: t.slug });
    expect(resent.data!.resendInvitation.invitation!.status).toBe('PENDING');
    expect(new Date(resent.data!.resendInvitation.invitation!.expiresAt).getTime()).toBeGreaterThan(
      Date.now() + 6 * 86_400_000,
    );
    expect(
      (await app.gql(Accept, { input: { invitationId: id } }, { token: ivan })).data!.acceptInvitation.userErrors,
    ).toEqual([]);
  });

  test('inviting again renews the one pending invitation; members are ALREADY_MEMBER', async () => {
    const first = await app.gql(Invite, { input: { email: 'judy@example.com' } }, { token: t.admin, org: t.slug });
    const second = await app.gql(
      Invite,
      { input: { email: 'judy@example.com', role: 'ADMIN' } },
      { token: t.admin, org: t.slug },
    );
    expect(second.data!.inviteMember.invitation!.id).toBe(first.data!.inviteMember.invitation!.id);
    expect(second.data!.inviteMember.invitation!.role).toBe('ADMIN');
    expect(await app.db.prisma.invitation.count({ where: { email: 'judy@example.com' } })).toBe(1);
    const member = await app.gql(
      Invite,
      { input: { email: `member${teamCount}@example.com` } },
      { token: t.admin, org: t.slug },
    );
    expect(member.data!.inviteMember).toEqual({
      invitation: null,
      userErrors: [{ code: 'ALREADY_MEMBER', field: ['input', 'email'] }],
    });
  });

  test("a member cannot take over an admin's invitation by inviting the same email", async () => {
    const byAdmin = await app.gql(
      Invite,
      { input: { email: 'boss@example.com', role: 'ADMIN' } },
      { token: t.admin, org: t.slug },
    );
    const takeover = await app.gql(Invite, { input: { email: 'boss@example.com' } }, { token: t.member, org: t.slug });
    expect(codeOf(takeover)).toBe('FORBIDDEN');
    const row = await app.db.prisma.invitation.findFirstOrThrow({ where: { email: 'boss@example.com' } });
    expect(row.role).toBe('ADMIN');
    expect(encodeGlobalID('Invitation', row.id)).toBe(byAdmin.data!.inviteMember.invitation!.id);
  });

  test('bad emails are INVALID_INPUT and change nothing', async () => {
    const before = await app.db.prisma.invitation.count();
    for (const email of ['', 'not-an-email', `${'x'.repeat(320)}@example.com`]) {
      const res = await app.gql(Invite, { input: { email } }, { token: t.admin, org: t.slug });
      expect(res.data!.inviteMember).toEqual({
        invitation: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'email'] }],
      });
    }
    expect(await app.db.prisma.invitation.count()).toBe(before);
  });

  test('revoke and resend: admins or the member who sent it', async () => {
    const byMember = await app.gql(Invite, { input: { email: 'kim@example.com' } }, { token: t.member, org: t.slug });
    const byAdmin = await app.gql(Invite, { input: { email: 'lee@example.com' } }, { token: t.admin, org: t.slug });
    const memberSent = { invitationId: byMember.data!.inviteMember.invitation!.id };
    const adminSent = { invitationId: byAdmin.data!.inviteMember.invitation!.id };
    expect(byMember.data!.inviteMember.invitation!.invitedBy).toEqual({ email: `member${teamCount}@example.com` });

    expect(codeOf(await app.gql(Revoke, { input: adminSent }, { token: t.member, org: t.slug }))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(Resend, { input: adminSent }, { token: t.member, org: t.slug }))).toBe('FORBIDDEN');
    expect(
      (await app.gql(Resend, { input: memberSent }, { token: t.member, org: t.slug })).data!.resendInvitation
        .userErrors,
    ).toEqual([]);
    expect(
      (await app.gql(Revoke, { input: memberSent }, { token: t.member, org: t.slug })).data!.revokeInvitation,
    ).toEqual({
      invitation: { status: 'REVOKED' },
      userErrors: [],
    });
    expect(
      (await app.gql(Revoke, { input: adminSent }, { token: t.admin, org: t.slug })).data!.revokeInvitation.userErrors,
    ).toEqual([]);
    // Revoked is final.
    expect(
      (await app.gql(Revoke, { input: adminSent }, { token: t.admin, org: t.slug })).data!.revokeInvitation,
    ).toEqual({
      invitation: null,
      userErrors: [{ code: 'INVITATION_NOT_PENDING' }],
    });
    expect(
      (await app.gql(Resend, { input: adminSent }, { token: t.admin, org: t.slug })).data!.resendInvitation.userErrors,
    ).toEqual([{ code: 'INVITATION_NOT_PENDING' }]);
    const kim = await app.token('kim@example.com');
    expect((await app.gql(Accept, { input: memberSent }, { token: kim })).data!.acceptInvitation.userErrors).toEqual([
      { code: 'INVITATION_NOT_PENDING' },
    ]);
  });
});

describe('rate limits', () => {
  test('invitations per org and per inviter per hour: RATE_LIMITED, nothing sent', async () => {
    const limited = await createTestApp({
      env: { INVITE_LIMIT_PER_ORG_PER_HOUR: '3', INVITE_LIMIT_PER_INVITER_PER_HOUR: '2' },
    });
    try {
      const a = await limited.userWithOrg('rl-admin@example.com', 'limited');
      const invite = (email: string, token = a.token) =>
        limited.gql(Invite, { input: { email } }, { token, org: 'limited' });
      expect((await invite('r1@example.com')).data!.inviteMember.userErrors).toEqual([]);
      expect((await invite('r2@example.com')).data!.inviteMember.userErrors).toEqual([]);
      expect(codeOf(await invite('r3@example.com'))).toBe('RATE_LIMITED'); // this inviter: 2 an hour
      // Another admin of the org may still send one; then the org's 3 are used up.
      const inv = await invite('second-admin@example.com');
      expect(codeOf(inv)).toBe('RATE_LIMITED');
      const other = await limited.token('other-admin@example.com');
      await limited.gql('{ viewer { user { id } } }', {}, { token: other });
      const otherUser = await limited.db.prisma.user.findFirstOrThrow({ where: { email: 'other-admin@example.com' } });
      await limited.db.prisma.membership.create({ data: { orgId: a.orgId, userId: otherUser.id, role: 'ADMIN' } });
      expect((await invite('r4@example.com', other)).data!.inviteMember.userErrors).toEqual([]);
      expect(codeOf(await invite('r5@example.com', other))).toBe('RATE_LIMITED');
      expect(await limited.db.prisma.invitation.count({ where: { orgId: a.orgId } })).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe('rate limits outlive the org', () => {
  test("deleting an org does not reset its inviter's count", async () => {
    const limited = await createTestApp({ env: { INVITE_LIMIT_PER_INVITER_PER_HOUR: '2' } });
    try {
      const token = await limited.token('churner@example.com');
      const codes: (string | undefined)[] = [];
      for (let round = 0; round < 3; round++) {
        const slug = `churn-${round}`;
        await limited.gql(
          `mutation { createOrganization(input: { name: "${slug}", slug: "${slug}" }) { userErrors { code } } }`,
          {},
          { token },
        );
        const res = await limited.gql(Invite, { input: { email: `victim${round}@example.com` } }, { token, org: slug });
        codes.push(codeOf(res) ?? res.data!.inviteMember.userErrors[0]?.code);
        await limited.gql(DeleteOrg, { input: { confirmSlug: slug } }, { token, org: slug });
      }
      expect(codes).toEqual([undefined, undefined, 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });
});

describe('memberships', () => {
  let t: Team;
  beforeEach(async () => {
    t = await team();
  });

  test('admins change roles; the last admin cannot be demoted, removed or leave', async () => {
    const as = { token: t.admin, org: t.slug };
    expect(
      (await app.gql(UpdateRole, { input: { membershipId: t.adminMembershipId, role: 'MEMBER' } }, as)).data!
        .updateMembershipRole,
    ).toEqual({
      membership: null,
      userErrors: [{ code: 'LAST_ADMIN' }],
    });
    expect(
      (await app.gql(Remove, { input: { membershipId: t.adminMembershipId } }, as)).data!.removeMembership.userErrors,
    ).toEqual([{ code: 'LAST_ADMIN' }]);
    expect((await app.gql(Leave, {}, as)).data!.leaveOrganization.userErrors).toEqual([{ code: 'LAST_ADMIN' }]);

    expect(
      (await app.gql(UpdateRole, { input: { membershipId: t.memberId, role: 'ADMIN' } }, as)).data!
        .updateMembershipRole,
    ).toEqual({
      membership: { role: 'ADMIN' },
      userErrors: [],
    });
    // Two admins now: the first may step down, then leave.
    expect(
      (await app.gql(UpdateRole, { input: { membershipId: t.adminMembershipId, role: 'MEMBER' } }, as)).data!
        .updateMembershipRole.userErrors,
    ).toEqual([]);
    expect((await app.gql(Leave, {}, as)).data!.leaveOrganization.removedMembershipId).toBe(t.adminMembershipId);
    expect(await app.db.prisma.membership.findMany({ where: { orgId: t.orgId }, select: { role: true } })).toEqual([
      { role: 'ADMIN' },
    ]);

    const events = await app.db.prisma.auditEvent.findMany({
      where: { orgId: t.orgId },
      orderBy: { createdAt: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['membership.role_changed', 'membership.left']));
  });

  test('removing a member unassigns their tasks, and the org stops being their active one', async () => {
    const memberRow = await app.db.prisma.membership.findFirstOrThrow({ where: { orgId: t.orgId, role: 'MEMBER' } });
    const project = await app.db.prisma.project.create({ data: { orgId: t.orgId, name: 'p' } });
    await app.db.prisma.task.create({
      data: { orgId: t.orgId, projectId: project.id, title: 't', assigneeId: memberRow.userId },
    });
    const res = await app.gql(Remove, { input: { membershipId: t.memberId } }, { token: t.admin, org: t.slug });
    expect(res.data!.removeMembership).toEqual({ removedMembershipId: t.memberId, userErrors: [] });
    expect(await app.db.prisma.task.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({
      assigneeId: null,
    });
    // The removed member no longer reaches the org, by name or as their stored active one.
    expect(
      (await app.gql('{ organization { slug } }', {}, { token: t.member, org: t.slug })).data.organization,
    ).toBeNull();
    expect((await app.gql('{ organization { slug } }', {}, { token: t.member })).data.organization).toBeNull();
  });

  test('foreign or malformed membership ids', async () => {
    const other = await team();
    const as = { token: t.admin, org: t.slug };
    expect(codeOf(await app.gql(Remove, { input: { membershipId: other.memberId } }, as))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(UpdateRole, { input: { membershipId: other.memberId, role: 'ADMIN' } }, as))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await app.gql(Remove, { input: { membershipId: encodeGlobalID('Project', t.orgId) } }, as))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await app.db.prisma.membership.count({ where: { orgId: other.orgId } })).toBe(2);
  });
});

describe('organization settings', () => {
  let t: Team;
  beforeEach(async () => {
    t = await team();
  });

  test('admins rename and change the slug; taken or bad slugs change nothing', async () => {
    const as = { token: t.admin, org: t.slug };
    expect(
      (await app.gql(UpdateOrg, { input: { name: 'New Name', slug: `${t.slug}-new` } }, as)).data!.updateOrganization,
    ).toEqual({
      organization: { name: 'New Name', slug: `${t.slug}-new` },
      userErrors: [],
    });
    const moved = { token: t.admin, org: `${t.slug}-new` };
    const taken = await app.gql(UpdateOrg, { input: { name: 'Other', slug: 'acme-taken' } }, moved);
    expect(taken.data!.updateOrganization.userErrors).toEqual([]); // free
    await app.userWithOrg('taker@example.com', 'taken-slug');
    const clash = await app.gql(
      UpdateOrg,
      { input: { name: 'Clash', slug: 'taken-slug' } },
      { token: t.admin, org: 'acme-taken' },
    );
    expect(clash.data!.updateOrganization).toEqual({
      organization: null,
      userErrors: [{ code: 'SLUG_TAKEN', field: ['input', 'slug'] }],
    });
    const bad = await app.gql(UpdateOrg, { input: { slug: 'Bad Slug' } }, { token: t.admin, org: 'acme-taken' });
    expect(bad.data!.updateOrganization.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'slug'] }]);
    expect(await app.db.prisma.organization.findUniqueOrThrow({ where: { id: t.orgId } })).toMatchObject({
      name: 'Other',
      slug: 'acme-taken',
    });
  });

  test('delete needs the slug typed again and removes everything the org owns', async () => {
    const as = { token: t.admin, org: t.slug };
    expect(
      (await app.gql(DeleteOrg, { input: { confirmSlug: 'wrong' } }, as)).data!.deleteOrganization.userErrors,
    ).toEqual([{ code: 'CONFIRMATION_MISMATCH' }]);
    const project = await app.db.prisma.project.create({ data: { orgId: t.orgId, name: 'doomed' } });
    await app.db.prisma.task.create({ data: { orgId: t.orgId, projectId: project.id, title: 'doomed' } });
    const res = await app.gql(DeleteOrg, { input: { confirmSlug: t.slug } }, as);
    expect(res.data!.deleteOrganization).toEqual({
      deletedOrganizationId: encodeGlobalID('Organization', t.orgId),
      userErrors: [],
    });
    const left = await Promise.all([
      app.db.prisma.organization.count({ where: { id: t.orgId } }),
      app.db.prisma.membership.count({ where: { orgId: t.orgId } }),
      app.db.prisma.invitation.count({ where: { orgId: t.orgId } }),
      app.db.prisma.project.count({ where: { orgId: t.orgId } }),
      app.db.prisma.task.count({ where: { orgId: t.orgId } }),
      app.db.prisma.apiKey.count({ where: { orgId: t.orgId } }),
      app.db.prisma.auditEvent.count({ where: { orgId: t.orgId } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Its API key stops working with it.
    expect((await app.gql('{ organization { slug } }', {}, { apiKey: t.apiKey })).status).toBe(401);
  });
});

describe('API keys', () => {
  test('admins create keys (secret shown once, only its hash stored) and revoke them', async () => {
    const t = await team();
    const as = { token: t.admin, org: t.slug };
    const created = await app.gql(CreateKey, { input: { name: ' ci ', scopes: ['READ', 'READ'] } }, as);
    const { apiKey, secret } = created.data!.createApiKey;
    expect(apiKey).toMatchObject({
      name: 'ci',
      scopes: ['READ'],
      createdBy: { email: `admin${teamCount}@example.com` },
    });
    expect(secret).toMatch(/^ogk_/);
    expect(secret!.startsWith(apiKey!.prefix)).toBe(true);
    const stored = await app.db.prisma.apiKey.findFirstOrThrow({ where: { orgId: t.orgId, name: 'ci' } });
    expect(JSON.stringify(stored)).not.toContain(secret!.slice(apiKey!.prefix.length + 1, apiKey!.prefix.length + 30));

    const viewer = await app.gql(
      '{ viewer { apiKey { name scopes } } organization { slug } }',
      {},
      { apiKey: secret! },
    );
    expect(viewer.data).toEqual({
      viewer: { apiKey: { name: 'ci', scopes: ['READ'] } },
      organization: { slug: t.slug },
    });

    const revoked = await app.gql(RevokeKey, { input: { apiKeyId: apiKey!.id } }, as);
    expect(revoked.data!.revokeApiKey.apiKey!.revokedAt).toBeTruthy();
    expect((await app.gql('{ viewer { apiKey { name } } }', {}, { apiKey: secret! })).status).toBe(401);
    expect((await app.gql(RevokeKey, { input: { apiKeyId: apiKey!.id } }, as)).data!.revokeApiKey.userErrors).toEqual([
      { code: 'ALREADY_REVOKED' },
    ]);
  });

  test('bad input and foreign keys', async () => {
    const t = await team();
    const other = await team();
    const as = { token: t.admin, org: t.slug };
    const empty = await app.gql(CreateKey, { input: { name: 'x', scopes: [] } }, as);
    expect(empty.data!.createApiKey.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'scopes'] }]);
    const past = await app.gql(
      CreateKey,
      { input: { name: 'x', scopes: ['READ'], expiresAt: '2001-01-01T00:00:00Z' } },
      as,
    );
    expect(past.data!.createApiKey.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'expiresAt'] }]);
    const foreignKey = await app.db.prisma.apiKey.findFirstOrThrow({ where: { orgId: other.orgId } });
    const res = await app.gql(RevokeKey, { input: { apiKeyId: encodeGlobalID('ApiKey', foreignKey.id) } }, as);
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect((await app.db.prisma.apiKey.findUniqueOrThrow({ where: { id: foreignKey.id } })).revokedAt).toBeNull();
  });
});
