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

export function createTokenVerifier(jwt: Config['jwt']): VerifyUserToken {
  // Tokens must expire; with an identity provider, they must be meant for us.
  const options = { issuer: jwt.issuer, audience: jwt.audience, requiredClaims: ['exp'] };
  const verify: (token: string) => Promise<JWTPayload> = jwt.jwksUrl
    ? (() => {
        const keys = createRemoteJWKSet(new URL(jwt.jwksUrl));
        return async (token) => (await jwtVerify(token, keys, options)).payload;
      })()
    : (() => {
        const key = new TextEncoder().encode(jwt.secret!);
        return async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
      })();
  return async (token) => {
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
    return {
      issuer: payload.iss ?? LOCAL_ISSUER,
      subject: claims.data.sub,
      email: claims.data.email.toLowerCase(),
      emailVerified: claims.data.email_verified ?? false,
      name: claims.data.name ?? null,
    };
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
