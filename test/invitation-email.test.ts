// Invitation emails over real SMTP: a local smtp-server receives what the
// server sends; the link in the email accepts the invitation, a resend replaces
// the token, and a refused message leaves the invitation pending, to resend.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

interface Received {
  /** Envelope recipients (RCPT TO), not the header. */
  to: string[];
  mail: ParsedMail;
}

const delivered: Received[] = [];
/** Messages the server read in full and then refused (DATA stage). */
const refusedAtData: Received[] = [];
/** Recipients refused at RCPT TO, and recipients whose message is refused after DATA. */
const refuseRcpt = new Set<string>();
const refuseData = new Set<string>();

function smtpError(message: string) {
  return Object.assign(new Error(message), { responseCode: 550 });
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refuseRcpt.has(address.address)) return callback(smtpError('Mailbox unavailable'));
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      const received = { to: session.envelope.rcptTo.map((r) => r.address), mail };
      // Recorded before answering, so it is in place when the sender's sendMail resolves.
      if (received.to.some((to) => refuseData.has(to))) {
        refusedAtData.push(received);
        callback(smtpError('Message rejected'));
      } else {
        delivered.push(received);
        callback();
      }
    }, callback);
  },
});

let app: TestApp;
let admin: { token: string; orgId: string; slug: string };
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  app = await createTestApp({
    env: { MAILER: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}`, APP_URL: 'https://app.example.com' },
    onLog: (line) => logs.push(line),
  });
  admin = await app.userWithOrg('admin@example.com', 'acme');
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { invitation { id email status } userErrors { code message } } }`;
const RESEND = `mutation($input: InvitationRefInput!) {
  resendInvitation(input: $input) { invitation { id status } userErrors { code } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { membership { role user { email } organization { slug } } userErrors { code } } }`;

const LINK = /https:\/\/app\.example\.com\/invitations\/accept\?token=(\S+)/;

/** The token in an email's accept link. */
function tokenIn(received: Received): string {
  const match = LINK.exec(received.mail.text ?? '');
  if (!match) throw new Error(`no accept link in: ${received.mail.text}`);
  return decodeURIComponent(match[1]!);
}

const mailsTo = (email: string) => delivered.filter((r) => r.to.includes(email));

async function invite(email: string) {
  const res = await app.gql(INVITE, { input: { email } }, { token: admin.token, org: 'acme' });
  expect(res.errors).toBeUndefined();
  expect(res.data.inviteMember.userErrors).toEqual([]);
  expect(res.data.inviteMember.invitation).toMatchObject({ email, status: 'PENDING' });
  return res.data.inviteMember.invitation.id as string;
}

async function accept(email: string, token: string) {
  return app.gql(ACCEPT, { input: { token } }, { token: await app.token(email) });
}

async function membershipCount(email: string) {
  return app.db.prisma.membership.count({ where: { orgId: admin.orgId, user: { email } } });
}

describe('invitation email over SMTP', () => {
  test('inviting sends one email whose link accepts the invitation', async () => {
    await invite('bob@example.com');
    const mails = mailsTo('bob@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['bob@example.com']);
    expect(mails[0]!.mail.subject).toContain('acme');
    const token = tokenIn(mails[0]!);
    expect(token).toMatch(/^ogi_/);

    const res = await accept('bob@example.com', token);
    expect(res.errors).toBeUndefined();
    expect(res.data.acceptInvitation).toEqual({
      membership: { role: 'MEMBER', user: { email: 'bob@example.com' }, organization: { slug: 'acme' } },
      userErrors: [],
    });
    expect(await membershipCount('bob@example.com')).toBe(1);
  });

  test('resending sends a new token; the old link stops working, the new one accepts', async () => {
    const invitationId = await invite('erin@example.com');
    const resent = await app.gql(RESEND, { input: { invitationId } }, { token: admin.token, org: 'acme' });
    expect(resent.errors).toBeUndefined();
    expect(resent.data.resendInvitation).toEqual({
      invitation: { id: invitationId, status: 'PENDING' },
      userErrors: [],
    });

    const mails = mailsTo('erin@example.com');
    expect(mails).toHaveLength(2);
    const [oldToken, newToken] = mails.map(tokenIn);
    expect(newToken).not.toBe(oldToken);

    const old = await accept('erin@example.com', oldToken!);
    expect(old.data).toBeNull();
    expect(old.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await membershipCount('erin@example.com')).toBe(0);

    const res = await accept('erin@example.com', newToken!);
    expect(res.errors).toBeUndefined();
    expect(res.data.acceptInvitation.userErrors).toEqual([]);
    expect(res.data.acceptInvitation.membership.user.email).toBe('erin@example.com');
    expect(await membershipCount('erin@example.com')).toBe(1);
  });

  test.each([
    ['at RCPT TO', 'carol@example.com', refuseRcpt],
    ['after DATA', 'dave@example.com', refuseData],
  ])(
    'a message refused %s leaves the invitation pending, logs no token, and can be resent',
    async (_stage, email, refuse) => {
      refuse.add(email);
      const logsBefore = logs.length;
      const invitationId = await invite(email);
      refuse.delete(email);

      expect(mailsTo(email)).toHaveLength(0);
      const stored = await app.db.prisma.invitation.findFirstOrThrow({ where: { orgId: admin.orgId, email } });
      expect(stored.status).toBe('PENDING');

      // The failure is logged, by invitation id, without the link or its token.
      const lines = logs.slice(logsBefore);
      const warning = lines.find((l) => l.msg === 'invitation email not sent');
      expect(warning).toMatchObject({ invitationId: stored.id });
      const refusedTokens = refusedAtData.filter((r) => r.to.includes(email)).map(tokenIn);
      if (refuse === refuseData) expect(refusedTokens).toHaveLength(1);
      for (const line of lines) {
        const text = JSON.stringify(line);
        expect(text).not.toContain('ogi_');
        expect(text).not.toContain('/invitations/accept');
        for (const token of refusedTokens) expect(text).not.toContain(token);
      }

      // Once the server accepts again, a resend delivers a working link.
      const resent = await app.gql(RESEND, { input: { invitationId } }, { token: admin.token, org: 'acme' });
      expect(resent.data.resendInvitation.userErrors).toEqual([]);
      const mails = mailsTo(email);
      expect(mails).toHaveLength(1);
      const res = await accept(email, tokenIn(mails[0]!));
      expect(res.errors).toBeUndefined();
      expect(res.data.acceptInvitation.userErrors).toEqual([]);
      expect(await membershipCount(email)).toBe(1);
    },
  );
});
