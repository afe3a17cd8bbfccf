// Safe retries (README, "Retrying safely"): a mutation sent with an
// Idempotency-Key header runs once. A retry with the same key and the same
// document (query, operation name, variables) within 24 hours gets the first
// answer again without running; the same key with another document is
// BAD_USER_INPUT. Keys are the caller's own (a user, or an API key) within the
// organization the request acts on, and live in the database
// (idempotent_requests, under row-level security), so every server process
// shares them.
//
// The key is claimed in the request's own transaction, before the mutation
// runs: a retry arriving while the first is still running waits for it on the
// unique index (at most LOCK_TIMEOUT_MS, else 503 and Retry-After), then sees
// its answer. A request that writes nothing (rolled back, or failed as a
// whole) leaves no claim behind, so its retry runs.
//
// Secrets: an answer that carries an API key's secret (createApiKey,
// rotateApiKey) is stored with the secret removed, and the whole answer is
// also kept encrypted (AES-256-GCM) under a key derived from the
// Idempotency-Key header, which only the client holds, and the server's
// secret, which the database never sees (it keeps an HMAC of the header under
// that secret, so a copy of the database can't test guesses of the header
// either). Once the answer has been written to the client's connection the
// encrypted copy is dropped (session-plugin.ts: the response's "finish"). So
// a retry after an answer that never reached the client (the connection
// dropped, the process died after committing) gets the secret; a retry after
// a delivered one gets the answer with `secret: null`. Without a server secret
// (no IDEMPOTENCY_SECRET or JWT_SECRET) secrets are never replayed.
//
// Answers older than 24 hours are dropped a hundred at a time by every new
// claim, whoever's they are (app_forget_expired_requests).
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { GraphQLError, print, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { parseApiKey } from './auth/api-key.js';
import type { Row } from './db/request-connections.js';
import { sqlLiteral } from './db/sql-literal.js';
import { apiError } from './errors.js';

const HEADER = /^[\x21-\x7e]{8,255}$/;
const TTL = "interval '24 hours'";

/** The request's Idempotency-Key: 8 to 255 printable ASCII characters (a UUID is the usual choice). */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
  if (key === null) return null;
  if (!HEADER.test(key)) {
    throw apiError('BAD_USER_INPUT', 'Idempotency-Key must be 8 to 255 printable ASCII characters, such as a UUID.', {
      wholeRequest: true,
    });
  }
  return key;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys in order, so equal variables hash equally. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function requestHash(args: ExecutionArgs): string {
  return sha256(canonical([print(args.document), args.operationName ?? null, args.variableValues ?? {}]));
}

function sealKey(header: string, secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', header, secret, 'orgraph idempotent answer', 32));
}

function seal(header: string, secret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(header, secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(header: string, secret: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(header, secret), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * The answer as it may be stored: errors as the client saw them (a bug's
 * masked), and `stripped` with every whole API key replaced by null, or null
 * when it held none.
 */
function storable(result: ExecutionResult): { whole: string; stripped: string | null } {
  const errors = result.errors?.map((error): GraphQLFormattedError => {
    const formatted = error.toJSON();
    return typeof formatted.extensions?.code === 'string'
      ? formatted
      : { message: 'Unexpected error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  });
  const answer = { ...result, ...(errors ? { errors } : {}) };
  let found = false;
  const stripped = JSON.stringify(answer, (_key, v: unknown) => {
    if (typeof v === 'string' && parseApiKey(v)) {
      found = true;
      return null;
    }
    return v;
  });
  return { whole: JSON.stringify(answer), stripped: found ? stripped : null };
}

/** A stored answer as an execution result again (its errors GraphQLErrors, so yoga passes them as they are). */
function revived(text: string | object): ExecutionResult {
  const answer = (typeof text === 'string' ? JSON.parse(text) : text) as {
    data?: ExecutionResult['data'];
    errors?: GraphQLFormattedError[];
  };
  return {
    ...(answer.data !== undefined ? { data: answer.data } : {}),
    ...(answer.errors
      ? { errors: answer.errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })) }
      : {}),
  };
}

/**
 * What the idempotency store may do on the request's connection: literal SQL
 * (under the tenant role and the request's settings), and moving the bound
 * organization (a mutation may have changed it) for the final write.
 */
export interface IdempotencyAccess {
  /** The server's secret (keys the header's hash and the sealing); null: secrets are not replayed. */
  secret: Buffer | null;
  script(sql: string): Promise<Row[]>;
  bindOrg(orgId: string | null): Promise<() => Promise<void>>;
  orgId(): string | null;
}

/** A stored answer whose secrets can still be sent: forgotten once delivered. */
export interface Pending {
  readonly id: string;
  /** The organization it was stored under. */
  readonly orgId: string | null;
}

function keyHash(header: string, secret: Buffer | null): string {
  return secret ? createHmac('sha256', secret).update(header).digest('hex') : sha256(header);
}

/**
 * Runs `execute` at most once per caller, organization and key; answers a
 * retry from the stored answer. Returns the answer and, when it holds a
 * secret, what to forget once it is delivered.
 */
export async function runIdempotently(
  access: IdempotencyAccess,
  header: string,
  args: ExecutionArgs,
  execute: () => Promise<ExecutionResult>,
): Promise<{ result: ExecutionResult; replayed: boolean; deliver: Pending | null }> {
  const key = sqlLiteral(keyHash(header, access.secret));
  const hash = requestHash(args);
  const orgId = access.orgId();
  const mine = `org_id IS NOT DISTINCT FROM app_org_id() AND caller = app_caller() AND key_hash = ${key}`;
  // An expired claim of this key goes, and some of everyone's; then the key
  // is claimed unless a live claim holds it.
  const [claimed] = await access.script(
    `DELETE FROM idempotent_requests WHERE ${mine} AND created_at < now() - ${TTL};
     SELECT app_forget_expired_requests();
     INSERT INTO idempotent_requests (org_id, caller, key_hash, request_hash)
       VALUES (app_org_id(), app_caller(), ${key}, ${sqlLiteral(hash)})
     ON CONFLICT (org_id, caller, key_hash) DO NOTHING
     RETURNING id`,
  );
  if (!claimed) {
    const [first] = await access.script(
      `SELECT id, request_hash, response, sealed FROM idempotent_requests WHERE ${mine}`,
    );
    if (!first || first.request_hash !== hash) {
      throw apiError(
        'BAD_USER_INPUT',
        'This Idempotency-Key was used for a different request in the last 24 hours: use a new key for a new request.',
      );
    }
    const sealed = first.sealed as string | null;
    if (sealed && access.secret) {
      // Still undelivered: the secret goes out now, and is forgotten once delivered.
      const result = revived(unseal(header, access.secret, sealed));
      return { result, replayed: true, deliver: { id: first.id as string, orgId } };
    }
    return { result: revived(first.response as object), replayed: true, deliver: null };
  }

  const result = await execute();
  const id = claimed.id as string;
  const { whole, stripped } = storable(result);
  const sealed = stripped && access.secret ? seal(header, access.secret, whole) : null;
  // The claim is keyed on the organization the request started in.
  const restore = access.orgId() === orgId ? null : await access.bindOrg(orgId);
  await access.script(
    `UPDATE idempotent_requests SET response = ${sqlLiteral(stripped ?? whole)}::jsonb,
       sealed = ${sqlLiteral(sealed)} WHERE id = ${sqlLiteral(id)}`,
  );
  await restore?.();
  return { result, replayed: false, deliver: sealed ? { id, orgId } : null };
}

/** Forgets a delivered answer's secrets (in a request of the same caller); false if it found none. */
export async function forgetSecrets(access: IdempotencyAccess, pending: Pending): Promise<boolean> {
  const restore = access.orgId() === pending.orgId ? null : await access.bindOrg(pending.orgId);
  const rows = await access.script(
    `UPDATE idempotent_requests SET sealed = NULL WHERE id = ${sqlLiteral(pending.id)} RETURNING id`,
  );
  await restore?.();
  return rows.length === 1;
}
