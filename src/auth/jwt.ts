// User tokens: HS256 with JWT_SECRET (or the embedded database's development
// secret), or an identity provider's keys from JWKS_URL.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.js';

/** The issuer recorded for tokens that carry none (HS256 tokens from `npm run token`). */
export const LOCAL_ISSUER = 'orgraph';

const Claims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().email().max(320),
  email_verified: z.boolean().optional(),
  name: z.string().max(200).nullish(),
});

export interface UserClaims {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
}

export type VerifyUserToken = (token: string) => Promise<UserClaims>;

export class InvalidToken extends Error {}

/** How long a verified token is trusted without checking its signature again (never past its expiry). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

export function createTokenVerifier(jwt: Config['jwt']): VerifyUserToken {
  // Tokens must expire; when JWT_ISSUER / JWT_AUDIENCE are set (required with
  // an identity provider), they must be meant for us; with JWT_MAX_AGE_SECONDS,
  // issued (iat) no longer ago than that.
  const options = {
    issuer: jwt.issuer,
    audience: jwt.audience,
    requiredClaims: ['exp'],
    ...(jwt.maxAgeSeconds ? { maxTokenAge: jwt.maxAgeSeconds } : {}),
  };
  const verify: (token: string) => Promise<JWTPayload> = jwt.jwksUrl
    ? (() => {
        const keys = createRemoteJWKSet(new URL(jwt.jwksUrl));
        return async (token) => (await jwtVerify(token, keys, options)).payload;
      })()
    : (() => {
        // Imported once: WebCrypto would import a raw key again on every verification.
        const key = crypto.subtle.importKey(
          'raw',
          new TextEncoder().encode(jwt.secret!),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['verify'],
        );
        return async (token) => (await jwtVerify(token, await key, { ...options, algorithms: ['HS256'] })).payload;
      })();
  // A client sends the same token on every request: its signature is checked
  // once a minute, not every time; its expiry every time.
  const verified = new Map<string, { claims: UserClaims; until: number }>();
  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.until > now) return known.claims;
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      throw new InvalidToken((error as Error).name === 'JWTExpired' ? 'Token expired' : 'Invalid token', {
        cause: error,
      });
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new InvalidToken('Token lacks the sub and email claims');
    // Text PostgreSQL can't store (NUL) is no identity: refused like any bad token.
    const text = [payload.iss, claims.data.sub, claims.data.email, claims.data.name];
    if (text.some((value) => typeof value === 'string' && value.includes('\u0000'))) {
      throw new InvalidToken('Token claims contain a NUL character');
    }
    const user: UserClaims = Object.freeze({
      issuer: payload.iss ?? LOCAL_ISSUER,
      subject: claims.data.sub,
      email: claims.data.email.toLowerCase(),
      emailVerified: claims.data.email_verified ?? false,
      name: claims.data.name ?? null,
    });
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    // Trusted again without a check only while it would pass one: before its expiry and its maximum age.
    const until = Math.min(
      now + VERIFIED_TTL_MS,
      payload.exp! * 1000,
      jwt.maxAgeSeconds && payload.iat ? (payload.iat + jwt.maxAgeSeconds) * 1000 : Infinity,
    );
    verified.set(token, { claims: user, until });
    return user;
  };
}

export interface TokenRequest {
  email: string;
  name?: string | null;
  emailVerified?: boolean;
  subject?: string;
  expiresIn?: string;
}

/** Signs an HS256 user token (development, tests, `npm run token`). */
export async function signUserToken(jwt: Config['jwt'], request: TokenRequest): Promise<string> {
  if (!jwt.secret)
    throw new Error('Signing tokens needs JWT_SECRET (JWKS_URL tokens come from the identity provider).');
  const token = new SignJWT({
    email: request.email,
    email_verified: request.emailVerified ?? true,
    ...(request.name ? { name: request.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.subject ?? `email|${request.email.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '7d');
  if (jwt.issuer) token.setIssuer(jwt.issuer);
  if (jwt.audience) token.setAudience(jwt.audience);
  return token.sign(new TextEncoder().encode(jwt.secret));
}
