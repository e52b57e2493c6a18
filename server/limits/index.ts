/**
 * Rate limits counted per key (an address) in a sliding one-minute window. One instance counts in memory; with
 * several instances behind a load balancer (REDIS_URL) the counts live in Redis, so an address cannot multiply
 * its allowance by the number of instances (plan creation, join-code guesses).
 */

export interface Limiter {
  /** Seconds to wait before `key` may be counted again, without counting; 0 when allowed. */
  peek(key: string): Promise<number>;
  /** Counts one hit for `key` when allowed and resolves 0; else resolves the seconds to wait (nothing counted). */
  take(key: string): Promise<number>;
}

/** Makes the server's limiters; `name` keeps the counts of different limits apart. */
export interface Limiters {
  create(name: string, perMinute: number): Limiter;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;
/** the memory limiter forgets everyone past this many keys rather than grow without bound */
const MAX_KEYS = 10_000;

const secondsUntil = (oldest: number, now: number) => Math.max(1, Math.ceil((WINDOW_MS - (now - oldest)) / 1000));

export function memoryLimiter(perMinute: number): Limiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string, now: number) => (hits.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  return {
    async peek(key) {
      const now = Date.now();
      const list = recent(key, now);
      return list.length >= perMinute ? secondsUntil(list[0]!, now) : 0;
    },
    async take(key) {
      const now = Date.now();
      const list = recent(key, now);
      hits.set(key, list);
      if (list.length >= perMinute) return secondsUntil(list[0]!, now);
      list.push(now);
      if (hits.size > MAX_KEYS) hits.clear();
      return 0;
    },
  };
}

export function memoryLimiters(): Limiters {
  return { create: (_name, perMinute) => memoryLimiter(perMinute), close: async () => {} };
}

/**
 * The window as a sorted set of hit times per key; one script per call, so instances counting at the same moment
 * cannot both take the last place. Returns the seconds to wait (0 = allowed).
 */
const WINDOW_SCRIPT = `
local key, now, window, limit, count = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4] == '1'
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, math.ceil((window - (now - tonumber(oldest[2]))) / 1000))
end
if count then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('PEXPIRE', key, window)
end
return 0`;

export async function createRedisLimiters(url: string): Promise<Limiters> {
  // the Redis client is loaded only where limits are shared: one instance starts without it
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  redis.on('error', () => {}); // it reconnects by itself; a call meanwhile fails and the limiter lets it through
  await redis.connect();
  let sequence = 0;
  const run = async (name: string, key: string, perMinute: number, count: boolean): Promise<number> => {
    try {
      const member = `${Date.now()}-${process.pid}-${sequence++}`;
      return Number(await redis.eval(WINDOW_SCRIPT, 1, `fk:limit:${name}:${key}`, Date.now(), WINDOW_MS, perMinute, count ? '1' : '0', member));
    } catch {
      return 0; // Redis away: limits are a guard against abuse, not worth refusing honest people over
    }
  };
  return {
    create: (name, perMinute) => ({
      peek: (key) => run(name, key, perMinute, false),
      take: (key) => run(name, key, perMinute, true),
    }),
    close: async () => {
      await redis.quit().catch(() => {});
    },
  };
}
