// API keys look like ogk_<public id>_<secret><checksum>, GitHub-style: the fixed
// prefix lets secret scanners find leaked keys, the CRC32 checksum rejects
// typos before any lookup, and only a SHA-256 of the secret is stored (the
// database compares it: see app_open_request).
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const PREFIX = 'ogk_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PUBLIC_ID_LENGTH = 12;
const SECRET_LENGTH = 32; // ~190 bits
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(
  `^${PREFIX}([0-9A-Za-z]{${PUBLIC_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejection sampling keeps every character equally likely
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function base62(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface NewApiKey {
  /** The whole key: shown once, never stored. */
  key: string;
  publicId: string;
  secretHash: string;
  /** Public start of the key, to tell keys apart. */
  prefix: string;
}

/** The full key for its two parts, checksum included. */
export function formatApiKey(publicId: string, secret: string): string {
  const body = `${PREFIX}${publicId}_${secret}`;
  return body + checksum(body);
}

export function generateApiKey(): NewApiKey {
  const publicId = randomBase62(PUBLIC_ID_LENGTH);
  return { ...newSecretFor(publicId), publicId, prefix: displayPrefix(publicId) };
}

/** A new secret for an existing key (rotation): the same public id, a new full key. */
export function newSecretFor(publicId: string): { key: string; secretHash: string } {
  const secret = randomBase62(SECRET_LENGTH);
  return { key: formatApiKey(publicId, secret), secretHash: hashSecret(secret) };
}

export function displayPrefix(publicId: string): string {
  return `${PREFIX}${publicId}`;
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(PREFIX);
}

/** The key's parts, or null when it is malformed or its checksum is wrong. */
export function parseApiKey(key: string): { publicId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const [, publicId, secret, sum] = match;
  if (checksum(`${PREFIX}${publicId}_${secret}`) !== sum) return null;
  return { publicId: publicId!, secret: secret! };
}
