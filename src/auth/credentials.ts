// Reads the caller's credential from the request. Presented but invalid
// credentials fail the whole request with HTTP 401 (contract.graphql). An API
// key's secret goes no further than this module: only its SHA-256 is kept,
// which is all the database compares (tenancy/session.ts).
import { apiError } from '../errors.js';
import { hashSecret, looksLikeApiKey, parseApiKey } from './api-key.js';
import { InvalidToken, type UserClaims, type VerifyUserToken } from './jwt.js';

export type Credential =
  | { readonly kind: 'none' }
  | { readonly kind: 'user'; readonly claims: UserClaims }
  | { readonly kind: 'apiKey'; readonly publicId: string; readonly secretHash: string };

function unauthenticated(message: string) {
  return apiError('UNAUTHENTICATED', message, { wholeRequest: true });
}

export async function readCredential(request: Request, verifyToken: VerifyUserToken): Promise<Credential> {
  const authorization = request.headers.get('authorization');
  const apiKeyHeader = request.headers.get('x-api-key');
  if (authorization !== null && apiKeyHeader !== null) {
    throw unauthenticated('Send one credential: Authorization or X-API-Key, not both.');
  }
  let bearer: string | null = null;
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token or API key>".');
    bearer = match[1]!;
  }
  const presented = bearer ?? apiKeyHeader?.trim() ?? null;
  if (presented === null) return { kind: 'none' };

  if (apiKeyHeader !== null || looksLikeApiKey(presented)) {
    const key = parseApiKey(presented);
    if (!key) throw unauthenticated('Malformed API key.');
    return { kind: 'apiKey', publicId: key.publicId, secretHash: hashSecret(key.secret) };
  }
  try {
    return { kind: 'user', claims: await verifyToken(presented) };
  } catch (error) {
    if (error instanceof InvalidToken) throw unauthenticated(`${error.message}.`);
    throw error;
  }
}
