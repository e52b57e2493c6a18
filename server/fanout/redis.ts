/**
 * Fan-out between server instances through Redis (REDIS_URL=redis://…), so that people connected to different
 * instances edit one plan live.
 *
 * - Updates: one Redis Stream per plan (`fk:plan:<id>:updates`). An instance publishes an update only after the
 *   store committed it (write-before-relay holds across instances); every instance with people in the plan reads
 *   the stream and relays what other instances added. Entries have ids, so a reader that lost its connection goes
 *   on from the last id it saw. The stream is trimmed to its newest entries: the database holds the history.
 * - Presence (awareness): pub/sub on `fk:plan:<id>:presence`, never stored; a message published while an
 *   instance is away is simply gone, as presence should be.
 * Messages an instance published itself are not handed back to it.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface FannedUpdate {
  /** the stream entry id, to resume after */
  id: string;
  update: Uint8Array;
  /** the publishing instance */
  origin: string;
}

export interface Fanout {
  /** this instance's id, carried by everything it publishes */
  readonly origin: string;
  /** Adds a committed update to the plan's stream; resolves with its entry id. */
  publishUpdate(planId: string, update: Uint8Array): Promise<string>;
  /** Adds the updates of one group commit to the plan's stream, in order, in one round trip; resolves with their ids. */
  publishUpdates(planId: string, updates: Uint8Array[]): Promise<string[]>;
  /**
   * Hands other instances' updates of the plan to `handler`, from after `afterId` ('$': only new ones). After a
   * lost connection to Redis the reading goes on from the last id seen; when the stream no longer reaches back to
   * it (trimmed, or Redis restarted empty), `onGap` is called: the subscriber must reload from the database.
   */
  subscribeUpdates(planId: string, handler: (update: FannedUpdate) => void, afterId?: string, onGap?: () => void): Promise<() => void>;
  /**
   * The updates (from every instance) after `afterId`, oldest first. `complete` is false when the stream may
   * have lost some of them (trimmed, or Redis restarted empty): then the caller reloads the plan from the database.
   */
  updatesAfter(planId: string, afterId: string): Promise<{ updates: FannedUpdate[]; complete: boolean }>;
  publishPresence(planId: string, message: Uint8Array): Promise<void>;
  subscribePresence(planId: string, handler: (message: Uint8Array, origin: string) => void): () => void;
  close(): Promise<void>;
}

export interface RedisFanoutOptions {
  /** how many entries each plan's stream keeps (approximately) */
  streamLength?: number;
  /** longest wait of one blocking read; new subscriptions interrupt it at once */
  blockMs?: number;
}

const updatesKey = (planId: string) => `fk:plan:${planId}:updates`;
const presenceChannel = (planId: string) => `fk:plan:${planId}:presence`;
const KEY_PREFIX = 'fk:plan:';

/** origin (36 characters, a UUID) followed by the message */
function withOrigin(origin: string, message: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(origin, 'latin1'), message]);
}

type StreamReply = [Buffer, [Buffer, Buffer[]][]][] | null;

function entriesOf(entries: [Buffer, Buffer[]][]): FannedUpdate[] {
  return entries.map(([id, fields]) => {
    const values = new Map<string, Buffer>();
    for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!.toString(), fields[i + 1]!);
    const data = values.get('u') ?? Buffer.alloc(0);
    return { id: id.toString(), update: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), origin: values.get('o')?.toString() ?? '' };
  });
}

export async function createRedisFanout(url: string, options: RedisFanoutOptions = {}): Promise<Fanout> {
  const origin = randomUUID();
  const streamLength = options.streamLength ?? 10_000;
  const blockMs = options.blockMs ?? 5_000;
  const connect = () => new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // one connection for commands, one blocked in XREAD, one in subscriber mode
  const commands = connect();
  const reader = connect();
  const subscriber = connect();
  for (const connection of [commands, reader, subscriber]) connection.on('error', () => {}); // it reconnects by itself
  await Promise.all([commands.connect(), reader.connect(), subscriber.connect()]);

  const updateHandlers = new Map<string, { lastId: string; handlers: Set<(u: FannedUpdate) => void>; gapHandlers: Set<() => void> }>();
  const presenceHandlers = new Map<string, Set<(m: Uint8Array, origin: string) => void>>();
  let readerId = String(await reader.client('ID'));
  let closed = false;
  reader.on('ready', () => {
    // a reconnected reader has a new client id; it must stay interruptible
    void reader.client('ID').then((id) => (readerId = String(id)), () => {});
    void checkForGaps();
  });

  /** After a reconnect: plans whose stream no longer reaches back to the last id read are told to reload. */
  const checkForGaps = async () => {
    for (const [planId, subscription] of updateHandlers) {
      try {
        const { complete } = await fanout.updatesAfter(planId, subscription.lastId);
        if (!complete) for (const onGap of subscription.gapHandlers) onGap();
      } catch {
        for (const onGap of subscription.gapHandlers) onGap();
      }
    }
  };

  const lastEntryId = async (planId: string): Promise<string> => {
    const last = (await commands.xrevrange(updatesKey(planId), '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last[0]?.[0] ?? '0-0';
  };

  /** Ends the current blocking read, so the loop starts again with the current set of plans. */
  const interrupt = () => commands.client('UNBLOCK', readerId).catch(() => {});

  const readLoop = async () => {
    while (!closed) {
      const plans = [...updateHandlers.keys()];
      if (plans.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      let reply: StreamReply;
      try {
        reply = (await reader.xreadBuffer('BLOCK', blockMs, 'STREAMS', ...plans.map(updatesKey), ...plans.map((p) => updateHandlers.get(p)!.lastId))) as StreamReply;
      } catch {
        if (!closed) await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const readAfter = new Map<string, string>();
      for (const [key, entries] of reply ?? []) {
        const planId = key.toString().slice(KEY_PREFIX.length, -':updates'.length);
        const subscription = updateHandlers.get(planId);
        if (!subscription) continue;
        readAfter.set(planId, subscription.lastId);
        for (const entry of entriesOf(entries)) {
          subscription.lastId = entry.id;
          if (entry.origin === origin) continue;
          for (const handler of subscription.handlers) handler(entry);
        }
      }
      if (readAfter.size > 0) void checkTrimmed(readAfter);
    }
  };

  /**
   * XREAD from an id the stream was trimmed past returns what is left, silently: a reader that fell behind (its
   * process paused, its event loop blocked, a burst larger than the stream keeps) would miss the entries between.
   * After each read, the stream's oldest entry is compared with the id the read started after: when it is newer,
   * entries the read started after may have been trimmed unread, and the plan is told to reload from the database
   * (a reload at the rare exact edge, trimmed up to that id, is harmless). A read from the stream's beginning ('0-0')
   * lost something only if the stream ever dropped an entry. The entries of the read are handed on first, so the
   * check costs the live path nothing.
   */
  const checkTrimmed = async (readAfter: Map<string, string>) => {
    const plans = [...readAfter.keys()];
    let replies: [Error | null, unknown][];
    try {
      replies = (await plans.reduce((batch, planId) => batch.xinfo('STREAM', updatesKey(planId)), commands.pipeline()).exec()) ?? [];
    } catch {
      return; // Redis is away: the reconnect checks every plan
    }
    plans.forEach((planId, i) => {
      const [error, info] = replies[i] ?? [null, null];
      // a stream that is gone (Redis restarted empty) lost everything
      if (!error && !trimmedPast(info, readAfter.get(planId)!)) return;
      for (const onGap of updateHandlers.get(planId)?.gapHandlers ?? []) onGap();
    });
  };

  const loop = readLoop();

  subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const planId = channel.toString().slice(KEY_PREFIX.length, -':presence'.length);
    const from = message.subarray(0, 36).toString('latin1');
    if (from === origin) return;
    const body = message.subarray(36);
    for (const handler of presenceHandlers.get(planId) ?? []) handler(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), from);
  });

  const fanout: Fanout = {
    origin,
    async publishUpdate(planId, update) {
      return (await fanout.publishUpdates(planId, [update]))[0]!;
    },
    async publishUpdates(planId, updates) {
      const add = (batch: ReturnType<Redis['pipeline']>, update: Uint8Array) =>
        batch.xadd(updatesKey(planId), 'MAXLEN', '~', String(streamLength), '*', 'o', origin, 'u', Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      const replies = (await updates.reduce(add, commands.pipeline()).exec()) ?? [];
      return replies.map(([error, id]) => {
        if (error) throw error;
        return String(id);
      });
    },
    async subscribeUpdates(planId, handler, afterId = '$', onGap) {
      let subscription = updateHandlers.get(planId);
      if (!subscription) {
        // '$' is pinned to the stream's last id now: a read that starts later must not skip what came meanwhile
        const lastId = afterId === '$' ? await lastEntryId(planId) : afterId;
        subscription = updateHandlers.get(planId) ?? { lastId, handlers: new Set(), gapHandlers: new Set() };
        updateHandlers.set(planId, subscription);
        void interrupt();
      }
      const current = subscription;
      current.handlers.add(handler);
      if (onGap) current.gapHandlers.add(onGap);
      return () => {
        current.handlers.delete(handler);
        if (onGap) current.gapHandlers.delete(onGap);
        if (current.handlers.size === 0 && updateHandlers.get(planId) === current) {
          updateHandlers.delete(planId);
          void interrupt();
        }
      };
    },
    async updatesAfter(planId, afterId) {
      const [range, oldest] = (await commands.multi()
        .xrangeBuffer(updatesKey(planId), `(${afterId}`, '+')
        .xrange(updatesKey(planId), '-', '+', 'COUNT', 1)
        .exec()) as [[Error | null, [Buffer, Buffer[]][]], [Error | null, [string, string[]][]]];
      if (range[0] || oldest[0]) throw range[0] ?? oldest[0];
      const oldestId = oldest[1][0]?.[0];
      // nothing was lost only if the stream still reaches back to afterId (its oldest entry is not newer)
      const complete = oldestId !== undefined && compareIds(oldestId, afterId) <= 0;
      return { updates: entriesOf(range[1]), complete };
    },
    async publishPresence(planId, message) {
      await commands.publish(presenceChannel(planId), withOrigin(origin, message));
    },
    subscribePresence(planId, handler) {
      let handlers = presenceHandlers.get(planId);
      if (!handlers) {
        handlers = new Set();
        presenceHandlers.set(planId, handlers);
        void subscriber.subscribe(presenceChannel(planId)).catch(() => {});
      }
      handlers.add(handler);
      return () => {
        handlers!.delete(handler);
        if (handlers!.size === 0 && presenceHandlers.get(planId) === handlers) {
          presenceHandlers.delete(planId);
          void subscriber.unsubscribe(presenceChannel(planId)).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      await interrupt();
      reader.disconnect();
      await loop;
      await Promise.all([commands.quit().catch(() => {}), subscriber.quit().catch(() => {})]);
    },
  };
  return fanout;
}

/** Whether a stream (its XINFO STREAM reply, Redis ≥ 7) may have dropped entries after `afterId`. */
function trimmedPast(info: unknown, afterId: string): boolean {
  const field = (name: string) => {
    if (!Array.isArray(info)) return null;
    for (let i = 0; i + 1 < info.length; i += 2) if (String(info[i]) === name) return String(info[i + 1]);
    return null;
  };
  const oldest = field('recorded-first-entry-id');
  if (oldest === null || compareIds(oldest, afterId) <= 0) return false;
  if (afterId === '0-0') return Number(field('entries-added')) > Number(field('length'));
  return true;
}

/** Orders two stream ids ("<milliseconds>-<counter>"). */
export function compareIds(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('-').map(Number);
  const [bm = 0, bn = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : an - bn;
}
