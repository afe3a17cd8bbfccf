import type { Email } from './mailer.js';

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function invitationEmail(input: {
  to: string;
  orgName: string;
  inviterName: string | null;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}): Email {
  const who = input.inviterName ?? 'A member';
  const role = input.role === 'ADMIN' ? 'an admin' : 'a member';
  const until = input.expiresAt.toUTCString();
  return {
    to: input.to,
    subject: `${who} invited you to ${input.orgName} on Orgraph`,
    text: `${who} invited you to join ${input.orgName} as ${role}.\n\nAccept the invitation:\n${input.acceptUrl}\n\nThe link works once and expires ${until}. If you did not expect this, ignore this email.\n`,
    html: `<p>${escapeHtml(who)} invited you to join <strong>${escapeHtml(input.orgName)}</strong> as ${role}.</p>
<p><a href="${escapeHtml(input.acceptUrl)}">Accept the invitation</a></p>
<p>The link works once and expires ${escapeHtml(until)}. If you did not expect this, ignore this email.</p>`,
  };
}
