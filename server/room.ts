/**
 * One plan's live room: its Y.Doc, awareness and connections, and the path every change takes to storage, to the
 * room's peers and (with REDIS_URL) to the other instances.
 *
 * - Write before relay: an update is applied to the room's doc at once, in arrival order (so the update rules and
 *   the integrity shadow, server/integrity.ts, see each update on top of the ones before), but it reaches no peer
 *   until storage committed it. A sync reply cut from the doc waits for the commit of what it holds, too.
 * - Group commit: the updates that arrive in one turn of the event loop are written in one transaction
 *   (`appendMany`); the next group is written when that one committed, so the plan's updates are committed and
 *   relayed in order (a queue per plan). Each relayed update is encoded once for all peers.
 * - Several instances: the updates of a group are published to the plan's Redis stream after their commit, in one
 *   round trip, before the local relay; updates from other instances are already committed, so they are applied
 *   and relayed at once. Presence crosses instances by pub/sub (a turn's local changes as one message) with a
 *   heartbeat per instance, so the people of a killed instance disappear within seconds.
 * - Compaction reads the stored log and folds it (not the doc, which may miss another instance's updates), so the
 *   snapshot holds exactly what it replaces.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { encodeMessage, type Connection } from './connection.ts';
import type { Fanout, FannedUpdate } from './fanout/redis.ts';
import type { WorkerPool } from './pool.ts';
import type { Storage, StoredPlan } from './storage/types.ts';
import { CLOSE_CODES, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../model/protocol.ts';
import { legacyTextUpdate } from '../model/ydoc.ts';

/** A connection in a room (server/connection.ts). */
export type RoomConnection = Connection<Room>;

/** What a room needs of the manager that holds it (RoomManager, server/sync.ts). */
export interface RoomHost {
  readonly storage: Storage;
  readonly limits: { readonly compactEvery: number; readonly unloadAfterMs: number };
  readonly log: Logger;
  readonly pool: WorkerPool;
  readonly fanout?: Fanout;
  unload(room: Room): Promise<void>;
  /** forgets a room whose state can no longer be trusted */
  drop(room: Room): void;
  /** the plan's doc changed, and the change is committed (open portfolios follow this) */
  changed(planId: string): void;
}

/** Origin of changes that another instance committed (stream entries, reloads from the database). */
const COMMITTED_ELSEWHERE = Symbol('committed elsewhere');
/** Origin of the conversion of titles and descriptions stored as plain strings into shared text. */
export const LEGACY_TEXT_CONVERSION = 'shared-text-conversion';
/** Origin of presence that came from another instance. */
const REMOTE_PRESENCE = Symbol('remote presence');

/** How often an instance announces its people in a plan, and after how long without it they are gone. */
export const PRESENCE_HEARTBEAT_MS = 1000;
export const PRESENCE_EXPIRY_MS = 3500;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

interface PendingUpdate {
  update: Uint8Array;
  /** the connection that sent it (not echoed back to it), or the server's label for its own changes */
  origin: unknown;
}

/** A message that may leave only once the local updates applied before it are committed. */
interface HeldMessage {
  afterApplied: number;
  release: () => void;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<RoomConnection>();
  /** the last sequence number this instance committed or loaded */
  lastSeq: number;
  bytes: number;
  /** counts every change of the doc; automatic versions compare it to know whether the plan changed */
  changes = 0;
  /** when and at which change count the last automatic version was saved (server/auto-versions.ts) */
  lastAutoVersion = { at: Date.now(), changes: -1 };
  private updatesSinceSnapshot: number;
  private encodedState: Uint8Array | null = null;
  private unloadTimer: NodeJS.Timeout | undefined;

  /** local updates applied to the doc, and how many of them are committed */
  private applied = 0;
  private committed = 0;
  private pending: PendingUpdate[] = [];
  private flushScheduled = false;
  private held: HeldMessage[] = [];
  /** the plan's queue: commits and the server's own changes run one after another */
  private queue: Promise<void> = Promise.resolve();
  private compacting = false;
  private failed = false;

  /** other instances' people: awareness ids per instance, and when the instance last announced itself */
  private readonly remotePeople = new Map<string, { ids: Set<number>; seenAt: number }>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly unsubscribes: (() => void)[] = [];
  /** local awareness ids whose change is to be published to the other instances at the end of this turn */
  private readonly presenceToPublish = new Set<number>();
  private detached = false;

  constructor(
    readonly planId: string,
    private readonly manager: RoomHost,
    stored: StoredPlan,
  ) {
    this.awareness.setLocalState(null);
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, COMMITTED_ELSEWHERE);
    this.lastSeq = stored.lastSeq;
    this.bytes = stored.bytes;
    this.updatesSinceSnapshot = Math.max(0, stored.updates.length - 1);
    // a plan stored as one snapshot (a new plan, a compacted log) is its own encoded state: the first sync reply
    // sends it without encoding the doc again
    if (stored.updates.length === 1) this.encodedState = stored.updates[0]!;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
  }

  private get storage() {
    return this.manager.storage;
  }

  /** The doc's full state as one update, cached until the next change. */
  state(): Uint8Array {
    this.encodedState ??= Y.encodeStateAsUpdate(this.doc);
    return this.encodedState;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.encodedState = null;
    this.bytes += update.byteLength;
    this.changes++;
    if (origin === COMMITTED_ELSEWHERE) {
      this.relay(encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)), null);
      this.manager.changed(this.planId);
      return;
    }
    this.applied++;
    this.pending.push({ update, origin });
    this.scheduleFlush();
  }

  /** Everything that arrives in this turn of the event loop joins one group commit. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => void this.enqueue(() => this.commitPending()));
  }

  /** Runs `task` after everything queued before it (commits, server changes); its failure does not stop the queue. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(() => {}, () => {});
    return run;
  }

  private async commitPending(): Promise<void> {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0 || this.failed) return;
    let seqs: number[];
    try {
      seqs = await this.storage.updates.appendMany(this.planId, group.map((p) => p.update));
    } catch (error) {
      return this.fail(error as Error);
    }
    this.lastSeq = Math.max(this.lastSeq, seqs.at(-1) ?? this.lastSeq);
    this.committed += group.length;
    this.updatesSinceSnapshot += group.length;
    // the stream first: its one write leaves before the local relays, so other instances' peers are not kept waiting
    this.publish(group.map((p) => p.update));
    for (const { update, origin } of group) {
      this.relay(encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)), origin);
    }
    this.releaseHeld();
    this.manager.changed(this.planId);
    if (this.updatesSinceSnapshot >= this.manager.limits.compactEvery) void this.compact();
  }

  /**
   * Storage refused a group: its updates are in the doc but not durable. The room is dropped without relaying
   * them; its clients reconnect, resync from what is stored and send their missing edits again.
   */
  private fail(error: Error): void {
    this.failed = true;
    this.manager.log.error({ planId: this.planId, err: error.message }, 'commit failed; the room is dropped');
    for (const conn of this.connections) conn.close(CLOSE_CODES.serverError, 'lageret fejlede; forbinder igen');
    // waiting replies go nowhere now (their sockets are closing); waiting server changes learn of the failure
    for (const held of this.held.splice(0)) held.release();
    this.manager.drop(this);
  }

  private relay(message: Uint8Array, origin: unknown): void {
    for (const conn of this.connections) if (conn !== origin) conn.send(message);
  }

  /** Adds committed updates to the plan's stream (one round trip for a group commit). */
  private publish(updates: Uint8Array[]): void {
    const fanout = this.manager.fanout;
    if (!fanout) return;
    fanout.publishUpdates(this.planId, updates).catch((error: Error) =>
      this.manager.log.warn({ planId: this.planId, err: error.message }, 'publish failed; other instances reload from the database'));
  }

  /** Sends `release` once every local update applied so far is committed (at once when none is pending). */
  afterCommit(release: () => void): void {
    if (this.committed >= this.applied) return release();
    this.held.push({ afterApplied: this.applied, release });
  }

  private releaseHeld(): void {
    while (this.held.length > 0 && this.held[0]!.afterApplied <= this.committed) this.held.shift()!.release();
  }

  /** Whether everything in the doc is committed: then its state may be read for others (write before relay). */
  settled(): boolean {
    return !this.failed && this.committed >= this.applied;
  }

  /** Resolves once every local update applied so far is committed and relayed. */
  flushed(): Promise<void> {
    return new Promise((resolve) => this.afterCommit(resolve));
  }

  /**
   * What `read` takes from the doc now, handed over once all of it is committed: an HTTP read (the plan, an export,
   * a version) then serves only what storage holds, as a sync reply does, never an edit a failed commit would lose.
   */
  async readCommitted<T>(read: (doc: Y.Doc) => T): Promise<T> {
    const value = read(this.doc);
    await this.flushed();
    if (this.failed) throw new Error('planen kunne ikke gemmes');
    return value;
  }

  /**
   * The server's own edit (a version restore and the like): applied now, in order with everything else, and
   * resolved once committed, relayed to every peer and published.
   */
  async applyServerUpdate(update: Uint8Array, origin: string): Promise<void> {
    if (this.failed) throw new Error('planens rum er lukket');
    Y.applyUpdate(this.doc, update, origin);
    await this.flushed();
    if (this.failed) throw new Error('opdateringen kunne ikke gemmes');
  }

  /**
   * A server change that commits its own update together with other rows (an idea reveal). `change` runs in the
   * plan's queue when everything before it is committed, builds the update on a copy (not on `doc`), commits it
   * and returns it with its sequence number; the room then applies, relays and publishes it.
   */
  async applyServerChange(change: (doc: Y.Doc) => Promise<{ update: Uint8Array; seq: number } | null>, _origin: string): Promise<void> {
    await this.flushed();
    await this.enqueue(async () => {
      const result = await change(this.doc);
      if (!result) return;
      this.lastSeq = Math.max(this.lastSeq, result.seq);
      this.updatesSinceSnapshot++;
      Y.applyUpdate(this.doc, result.update, COMMITTED_ELSEWHERE);
      this.publish([result.update]);
    });
  }

  /**
   * A plan stored before titles and descriptions were shared text (model/ydoc.ts, "Plans stored before shared
   * text"): converts them in one update, which is stored and relayed like any change. It runs when the room is
   * loaded, before any client syncs, so every client's first sync reply (held until the commit) already has it.
   * Returns how many bytes the conversion took (0: nothing to convert).
   */
  convertLegacyText(): number {
    const update = legacyTextUpdate(this.doc);
    if (!update) return 0;
    Y.applyUpdate(this.doc, update, LEGACY_TEXT_CONVERSION);
    return update.byteLength;
  }

  /** An update another instance committed and published. */
  applyFanned(entry: FannedUpdate): void {
    Y.applyUpdate(this.doc, entry.update, COMMITTED_ELSEWHERE);
  }

  /** The fanout may have lost updates (Redis restarted, stream trimmed): whatever the database holds is applied. */
  async reloadFromStorage(): Promise<void> {
    const stored = await this.storage.updates.load(this.planId);
    if (!stored || this.failed) return;
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, COMMITTED_ELSEWHERE);
    this.manager.log.info({ planId: this.planId }, 'room reloaded from the database');
  }

  /**
   * Folds the log into one snapshot; the store replaces exactly the updates up to the given number, in one
   * transaction under a lock (server/storage/postgres.ts). Alone, this instance wrote every update up to its last
   * commit into the doc, so the doc's state holds them (and maybe later ones, which is harmless). With other
   * instances the doc may lack their newest updates: then the stored log itself is folded, in a worker.
   */
  async compact(): Promise<void> {
    if (this.compacting || this.updatesSinceSnapshot === 0) return;
    this.compacting = true;
    try {
      const counted = this.updatesSinceSnapshot;
      const folded = this.manager.fanout ? await this.foldStoredLog() : { state: this.state(), upToSeq: this.lastSeq, replaced: this.bytes };
      if (folded && (await this.storage.updates.compact(this.planId, folded.state, folded.upToSeq))) {
        this.bytes = Math.max(folded.state.byteLength, this.bytes - folded.replaced + folded.state.byteLength);
        this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - counted);
      }
    } catch (error) {
      this.manager.log.warn({ planId: this.planId, err: (error as Error).message }, 'compaction failed');
    } finally {
      this.compacting = false;
    }
  }

  private async foldStoredLog(): Promise<{ state: Uint8Array; upToSeq: number; replaced: number } | null> {
    const stored = await this.storage.updates.load(this.planId);
    if (!stored || stored.updates.length <= 1) return null;
    return { state: await this.manager.pool.fold(stored.updates), upToSeq: stored.lastSeq, replaced: stored.bytes };
  }

  // --- presence ---------------------------------------------------------------------------------------------

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const conn = origin as RoomConnection | undefined;
    if (conn && this.connections.has(conn)) {
      for (const id of added) conn.clientIds.add(id);
      for (const id of removed) conn.clientIds.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeMessage(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
    for (const other of this.connections) other.send(message);
    if (origin !== REMOTE_PRESENCE && this.manager.fanout) this.publishPresenceSoon(changed);
  }

  /** Local presence changes of one turn of the event loop go to the other instances as one message. */
  private publishPresenceSoon(clientIds: number[]): void {
    const first = this.presenceToPublish.size === 0;
    for (const id of clientIds) this.presenceToPublish.add(id);
    if (!first) return;
    setImmediate(() => {
      const ids = [...this.presenceToPublish].filter((id) => this.awareness.meta.has(id));
      this.presenceToPublish.clear();
      if (this.detached || ids.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      void this.manager.fanout?.publishPresence(this.planId, update).catch(() => {});
    });
  }

  /** Subscribes to other instances' updates and presence; `early` holds entries that came while loading. */
  attachFanout(unsubscribeUpdates: () => void): void {
    const fanout = this.manager.fanout;
    if (!fanout) return;
    this.unsubscribes.push(unsubscribeUpdates);
    this.unsubscribes.push(fanout.subscribePresence(this.planId, (message, from) => this.onRemotePresence(message, from)));
    this.heartbeat = setInterval(() => this.presenceHeartbeat(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
    this.presenceHeartbeat();
  }

  /** Announces this instance's people (their full states) and drops those of instances that went quiet. */
  private presenceHeartbeat(): void {
    const local = [...this.connections].flatMap((conn) => [...conn.clientIds]).filter((id) => this.awareness.getStates().has(id));
    if (local.length > 0) void this.manager.fanout?.publishPresence(this.planId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local)).catch(() => {});
    const now = Date.now();
    for (const [instance, people] of this.remotePeople) {
      if (now - people.seenAt < PRESENCE_EXPIRY_MS) continue;
      this.remotePeople.delete(instance);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...people.ids].filter((id) => !this.isLocalClient(id)), REMOTE_PRESENCE);
    }
  }

  private onRemotePresence(update: Uint8Array, instance: string): void {
    const people = this.remotePeople.get(instance) ?? { ids: new Set<number>(), seenAt: 0 };
    people.seenAt = Date.now();
    this.remotePeople.set(instance, people);
    for (const id of awarenessIds(update)) if (!this.isLocalClient(id)) people.ids.add(id);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
  }

  private isLocalClient(clientId: number): boolean {
    for (const conn of this.connections) if (conn.clientIds.has(clientId)) return true;
    return false;
  }

  /** A local connection took over an id another instance announced (the same person, reconnected here). */
  claimClientId(clientId: number): void {
    for (const people of this.remotePeople.values()) people.ids.delete(clientId);
  }

  // --- life cycle -------------------------------------------------------------------------------------------

  cancelUnload(): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = undefined;
  }

  scheduleUnload(): void {
    this.cancelUnload();
    this.unloadTimer = setTimeout(() => {
      if (this.connections.size === 0) void this.manager.unload(this);
    }, this.manager.limits.unloadAfterMs);
    this.unloadTimer.unref();
  }

  /** Stops listening to other instances; the doc stays readable until `destroy`. */
  detach(): void {
    this.detached = true;
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  destroy(): void {
    this.cancelUnload();
    this.detach();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** The client ids an encoded awareness update speaks about. */
function awarenessIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}
