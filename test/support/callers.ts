// The kinds of caller the contract names, for one organization: its admin, a
// member, a signed-in user of another organization, and API keys of each scope.
import type { CallOptions, TestApp } from './app.js';

export interface Callers {
  orgId: string;
  slug: string;
  admin: CallOptions;
  member: CallOptions;
  /** Signed in, a member of another organization only. */
  outsider: CallOptions;
  readKey: CallOptions;
  writeKey: CallOptions;
  readWriteKey: CallOptions;
}

export async function callers(app: TestApp, slug = 'acme'): Promise<Callers> {
  const admin = await app.userWithOrg(`admin@${slug}.example.com`, slug);
  const outsider = await app.userWithOrg(`outsider@${slug}.example.com`, `${slug}-outsider`);
  const memberToken = await app.token(`member@${slug}.example.com`, { name: 'Member' });
  await app.gql('{ viewer { user { id } } }', {}, { token: memberToken });
  const member = await app.db.prisma.user.findFirstOrThrow({ where: { email: `member@${slug}.example.com` } });
  await app.db.prisma.membership.create({ data: { orgId: admin.orgId, userId: member.id, role: 'MEMBER' } });
  return {
    orgId: admin.orgId,
    slug,
    admin: { token: admin.token, org: slug },
    member: { token: memberToken, org: slug },
    outsider: { token: outsider.token, org: slug },
    readKey: { apiKey: await app.apiKey(admin.orgId, ['READ']) },
    writeKey: { apiKey: await app.apiKey(admin.orgId, ['WRITE']) },
    readWriteKey: { apiKey: await app.apiKey(admin.orgId, ['READ', 'WRITE']) },
  };
}
