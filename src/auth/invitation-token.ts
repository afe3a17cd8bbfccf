// Invitation tokens: 256 random bits behind a fixed prefix (so secret scanners
// find leaked ones); only their SHA-256 is stored, compared by exact lookup.
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'ogi_';

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}
