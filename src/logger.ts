import { pino } from 'pino';
import type { Config } from './config.js';

/** Structured logs; secrets in headers never reach them. */
export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization'],
  });
}
