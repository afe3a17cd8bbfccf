import { pino, type DestinationStream } from 'pino';
import type { Config } from './config.js';

// What a secret of ours looks like wherever it sits in a message, an error or
// a logged document: API keys (ogk_…), invitation tokens (ogi_…), JWTs.
const SECRETS = [
  [/\bog([ik])_[0-9A-Za-z_-]{6,}/g, 'og$1_[redacted]'],
  [/\beyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+/g, '[redacted token]'],
] as const;

export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of SECRETS) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, depth + 1));
  const fields = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, depth + 1)]));
  // An error as pino's serializer would write it, its texts scrubbed too.
  if (value instanceof Error) {
    return {
      type: value.constructor.name,
      message: scrubSecrets(value.message),
      stack: value.stack && scrubSecrets(value.stack),
      ...(value.cause !== undefined ? { cause: scrubbed(value.cause, depth + 1) } : {}),
      ...fields,
    };
  }
  return fields;
}

/**
 * Structured logs. No secret reaches them at any level: credential headers
 * are redacted, and anything shaped like a key, an invitation token or a JWT
 * is masked in every message and field (yoga's debug lines carry documents).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream) {
  return pino(
    {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization'],
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
    },
    destination,
  );
}
