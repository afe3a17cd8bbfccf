// Request limits (README, "Limits"): per API key, per signed-in user, per
// organization, per client address for anonymous calls and for failed
// authentications, and the invitation limits. Counted by rate-limiter-flexible:
// in this process's memory, or with REDIS_URL in Redis, so that every server
// process enforces one limit.
//
// A rate of R per second with bursts of B is counted in fixed windows of
// ceil(B / R) seconds holding B requests each: never more than R per second
// on average, up to B at once.
//
// When Redis can't be reached the limits fail over to this process's memory
// (the library's insurance limiter): the service keeps serving, and each
// process still holds every caller to the limit on its own (so the fleet lets
// through at most one limit per process). Failing closed would turn a Redis
// outage into a whole-fleet outage; failing wide open would leave the
// database unprotected exactly when something is already wrong.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface Rate {
  /** Requests per second, sustained. */
  readonly perSecond: number;
  /** Requests at once. */
  readonly burst: number;
}

export interface LimitsConfig {
  /** null: counted in memory, per process. */
  readonly redisUrl: string | null;
  /** Start of every Redis key the limits write. */
  readonly prefix: string;
  readonly apiKey: Rate;
  readonly user: Rate;
  readonly org: Rate;
  /** Requests without credentials, per client address. */
  readonly anonymous: Rate;
  /** Failed authentications from one client address in a minute before it is refused. */
  readonly authFailuresPerMinute: number;
  readonly invitations: { readonly perOrgPerHour: number; readonly perInviterPerHour: number };
}

/** What each limit is counted on; the names are those of metrics and errors. */
export type LimitName =
  'apiKey' | 'user' | 'org' | 'anonymous' | 'authFailures' | 'invitationsPerOrg' | 'invitationsPerInviter';

/** A caller over a limit: answered with 429 and Retry-After. */
export class RateLimited extends Error {
  constructor(
    readonly limit: LimitName,
    /** Whole seconds until the limit lets the caller through again. */
    readonly retryAfter: number,
    /** The window's allowance, for the RateLimit-* headers. */
    readonly allowed: number,
  ) {
    super(`over the ${limit} limit`);
  }
}

/** What a request's limit left: the RateLimit-* headers an integrator reads. */
export interface LimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window starts again. */
  readonly reset: number;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function windowOf(rate: Rate): { points: number; duration: number } {
  return { points: rate.burst, duration: Math.ceil(rate.burst / rate.perSecond) };
}

export type RedisStatus = 'off' | 'connecting' | 'ready' | 'unreachable';

export class Limits {
  readonly #config: LimitsConfig;
  readonly #redis: Redis | null;
  readonly #limiters = new Map<string, RateLimiterAbstract>();
  readonly #refused: ((limit: LimitName) => void)[] = [];
  #redisState: 'ready' | 'unreachable' | null = null;

  constructor(config: LimitsConfig, log: Logger) {
    this.#config = config;
    this.#redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          // Fail fast, so the limits fall back to memory rather than wait.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: 500,
          connectTimeout: 2_000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
        })
      : null;
    // One line each time Redis comes or goes, not one per failed command.
    this.#redis?.on('ready', () => {
      if (this.#redisState !== 'ready') log.info('Redis connected: rate limits are shared by every server process');
      this.#redisState = 'ready';
    });
    this.#redis?.on('error', (error) => {
      if (this.#redisState !== 'unreachable') {
        log.warn({ reason: error.message }, 'Redis unreachable: rate limits are counted per process until it is back');
      }
      this.#redisState = 'unreachable';
    });
  }

  get config(): LimitsConfig {
    return this.#config;
  }

  /** Redis as the limits see it, for /ready. */
  get redis(): RedisStatus {
    if (!this.#redis) return 'off';
    if (this.#redis.status === 'ready') return 'ready';
    return this.#redisState === 'unreachable' ? 'unreachable' : 'connecting';
  }

  /** Called at each refusal (metrics). */
  onRefused(listener: (limit: LimitName) => void): void {
    this.#refused.push(listener);
  }

  /**
   * The limiter of `name` for a window: once used up, it refuses in memory until
   * the window ends, unless `refundable` (points given back must count at once).
   */
  #limiter(name: LimitName, points: number, duration: number, refundable = false): RateLimiterAbstract {
    const id = `${name}:${points}/${duration}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      const keyPrefix = `${this.#config.prefix}:${id}`;
      limiter = this.#redis
        ? new RateLimiterRedis({
            storeClient: this.#redis,
            keyPrefix,
            points,
            duration,
            rejectIfRedisNotReady: true,
            // Once a window is used up this process refuses the caller without asking Redis again.
            ...(refundable ? {} : { inMemoryBlockOnConsumed: points }),
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }

  async #consume(
    name: LimitName,
    key: string,
    points: number,
    duration: number,
    refundable = false,
  ): Promise<LimitState> {
    try {
      const res = await this.#limiter(name, points, duration, refundable).consume(key);
      return { limit: points, remaining: res.remainingPoints, reset: seconds(res.msBeforeNext) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      for (const listener of this.#refused) listener(name);
      throw new RateLimited(name, seconds(error.msBeforeNext), points);
    }
  }

  /** A key's limit: its own, never above the operator's ceiling (which may have been lowered since). */
  keyRate(own: Rate | null): Rate {
    const ceiling = this.#config.apiKey;
    if (!own) return ceiling;
    return { perSecond: Math.min(own.perSecond, ceiling.perSecond), burst: Math.min(own.burst, ceiling.burst) };
  }

  /** One request of a caller; RateLimited when it is over its limit (`rate`: a key's own). */
  take(limit: 'apiKey' | 'user' | 'org' | 'anonymous', key: string, rate?: Rate | null): Promise<LimitState> {
    const { points, duration } = windowOf(limit === 'apiKey' ? this.keyRate(rate ?? null) : this.#config[limit]);
    return this.#consume(limit, key, points, duration);
  }

  /** Seconds `address` must wait after too many failed authentications, or null. */
  async authFailureWait(address: string): Promise<number | null> {
    const points = this.#config.authFailuresPerMinute;
    const res = await this.#limiter('authFailures', points, 60).get(address);
    if (!res || res.consumedPoints < points) return null;
    for (const listener of this.#refused) listener('authFailures');
    return seconds(res.msBeforeNext);
  }

  /** Counts a failed authentication against `address`. */
  async authFailed(address: string): Promise<void> {
    await this.#limiter('authFailures', this.#config.authFailuresPerMinute, 60).penalty(address);
  }

  /** One invitation email from `inviterId` in `orgId`; RateLimited past either hourly limit. */
  async invitationSent(orgId: string, inviterId: string): Promise<void> {
    const { perOrgPerHour, perInviterPerHour } = this.#config.invitations;
    await this.#consume('invitationsPerInviter', inviterId, perInviterPerHour, 3600, true);
    try {
      await this.#consume('invitationsPerOrg', orgId, perOrgPerHour, 3600);
    } catch (error) {
      // Not sent: the inviter keeps that one.
      await this.#limiter('invitationsPerInviter', perInviterPerHour, 3600, true).reward(inviterId);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#redis?.disconnect();
  }
}
