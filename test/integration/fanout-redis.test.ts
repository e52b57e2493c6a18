/**
 * The Redis fan-out against a real redis-server (scripts/services.mjs): two fan-outs stand for two instances.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningService } from '../../scripts/services.mjs';
import { createRedisFanout, type FannedUpdate, type Fanout } from '../../server/fanout/redis.ts';
import { until } from '../support/until.ts';

let redis: RunningService;
/** a second redis-server, for the restart test */
let restarting: RunningService | null = null;
const open: Fanout[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(open.map((f) => f.close()));
  await redis.stop();
  await restarting?.stop();
});

async function instance(url = redis.url): Promise<Fanout> {
  // a long block: a test passes only if new subscriptions really interrupt the blocking read
  const fanout = await createRedisFanout(url, { blockMs: 20_000 });
  open.push(fanout);
  return fanout;
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('Redis fan-out', () => {
  it("relays one instance's updates to the other, in order, and not back to the sender", async () => {
    const a = await instance();
    const b = await instance();
    const atA: FannedUpdate[] = [];
    const atB: FannedUpdate[] = [];
    await a.subscribeUpdates('plan-1', (u) => atA.push(u));
    await b.subscribeUpdates('plan-1', (u) => atB.push(u));
    for (let i = 0; i < 20; i++) await a.publishUpdate('plan-1', bytes(i, 255, 0));
    await until(() => atB.length === 20, 'twenty updates at B');
    expect(atB.map((u) => u.update[0])).toEqual([...Array(20).keys()]);
    expect(atB.every((u) => u.origin === a.origin && u.update.length === 3 && u.update[1] === 255)).toBe(true);
    await b.publishUpdate('plan-1', bytes(99));
    await until(() => atA.length === 1, 'the update from B at A');
    expect(atA[0]!.update).toEqual(bytes(99));
    expect(atB).toHaveLength(20);
  });

  it('picks up a plan subscribed while the reader is blocked on others, and keeps plans apart', async () => {
    const a = await instance();
    const b = await instance();
    const first: FannedUpdate[] = [];
    const second: FannedUpdate[] = [];
    await b.subscribeUpdates('plan-x', (u) => first.push(u));
    await new Promise((r) => setTimeout(r, 100)); // B's reader is now blocked on plan-x alone
    await b.subscribeUpdates('plan-y', (u) => second.push(u));
    await a.publishUpdate('plan-y', bytes(7));
    await until(() => second.length === 1, 'the plan-y update');
    expect(first).toEqual([]);
  });

  it('replays what came after a known id, for a reader that was away', async () => {
    const a = await instance();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await a.publishUpdate('plan-replay', bytes(i)));
    const replay = await a.updatesAfter('plan-replay', ids[1]!);
    expect(replay.complete).toBe(true);
    expect(replay.updates.map((u) => u.id)).toEqual(ids.slice(2));
    expect(replay.updates.map((u) => u.update[0])).toEqual([2, 3, 4]);
    const b = await instance();
    const resumed: FannedUpdate[] = [];
    await b.subscribeUpdates('plan-replay', (u) => resumed.push(u), ids[2]!);
    await until(() => resumed.length === 2, 'the two updates after the resume id');
    expect(resumed.map((u) => u.update[0])).toEqual([3, 4]);
  });

  it('says when a replay may be missing updates, so that the caller reloads from the database', async () => {
    const a = await createRedisFanout(redis.url, { streamLength: 10 });
    open.push(a);
    const ids = [];
    for (let i = 0; i < 300; i++) ids.push(await a.publishUpdate('plan-trim', bytes(i % 256)));
    const late = await a.updatesAfter('plan-trim', ids[0]!);
    expect(late.complete).toBe(false);
    expect(late.updates.length).toBeLessThan(299);
    const recent = await a.updatesAfter('plan-trim', ids[295]!);
    expect(recent).toMatchObject({ complete: true });
    expect(recent.updates).toHaveLength(4);
    expect((await a.updatesAfter('plan-never-written', '1-0')).complete).toBe(false);
  });

  it('sends presence to the other instance and stores none of it', async () => {
    const a = await instance();
    const b = await instance();
    const atB: { message: Uint8Array; origin: string }[] = [];
    const atA: Uint8Array[] = [];
    b.subscribePresence('plan-p', (message, origin) => atB.push({ message, origin }));
    a.subscribePresence('plan-p', (message) => atA.push(message));
    // a subscription takes a round trip: publish until B hears (pub/sub keeps nothing for late listeners)
    await until(() => {
      void a.publishPresence('plan-p', bytes(1, 2, 3));
      return atB.length > 0;
    }, 'presence at B');
    expect(atB[0]).toEqual({ message: bytes(1, 2, 3), origin: a.origin });
    expect(atA).toEqual([]);
    const inspect = new Redis(redis.url);
    try {
      expect(await inspect.keys('*presence*')).toEqual([]);
    } finally {
      inspect.disconnect();
    }
  });

  it('carries on after redis-server is killed and started again on the same port', async () => {
    restarting = await startRedis();
    const a = await instance(restarting.url);
    const b = await instance(restarting.url);
    const atB: FannedUpdate[] = [];
    const presence: Uint8Array[] = [];
    let gaps = 0;
    await b.subscribeUpdates('plan-r', (u) => atB.push(u), '$', () => gaps++);
    b.subscribePresence('plan-r', (m) => presence.push(m));
    await a.publishUpdate('plan-r', bytes(1));
    await until(() => atB.length === 1, 'the first update');
    await restarting.kill();
    restarting = await startRedis({ port: restarting.port });
    // the stream is gone with the old server: a replay says so (the database holds the history)
    expect((await a.updatesAfter('plan-r', atB[0]!.id)).complete).toBe(false);
    // and the subscriber is told by itself once its reader is back, so that it reloads the plan
    await until(() => gaps > 0, 'the gap reported to the subscriber', 15_000);
    // and new updates flow again
    await until(() => {
      void a.publishUpdate('plan-r', bytes(2)).catch(() => {});
      return atB.some((u) => u.update[0] === 2);
    }, 'an update after the restart', 15_000);
    await until(() => {
      void a.publishPresence('plan-r', bytes(9)).catch(() => {});
      return presence.length > 0;
    }, 'presence after the restart', 15_000);
  }, 30_000);
});
