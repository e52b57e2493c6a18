/**
 * The sync endpoint: the y-websocket protocol (sync + awareness, y-protocols) over `ws`, with the server owning
 * roles, limits and durability. Modelled on the y-websocket server utilities, with these differences:
 * - every update is committed to storage BEFORE it is relayed (to peers and, with REDIS_URL, to other instances),
 *   the updates of one event-loop turn in one transaction, in order per plan (server/room.ts), so after a crash
 *   every update that any client has seen is stored;
 * - an update is decoded (validated) and authorised (server/policy.ts) before it is applied; viewers' updates are
 *   dropped and the viewer is told (auth message "permission denied");
 * - names, roles and identities in awareness are the server's, not what a client claims;
 * - every connection carries a person identity the server issued (server/tokens.ts, MESSAGE_IDENTITY on connect);
 * - frames, plan size and message rate are bounded; a malformed frame closes that connection only;
 * - presence: a connection owns one awareness id, each state is bounded in bytes, and the presence bytes it may
 *   relay per second are bounded (a state over the budget waits and is relayed, latest only, when it fits);
 * - connections per plan are capped per role and per address; a facilitator always gets in;
 * - a sync reply cut from a large plan is built in a worker (server/pool.ts), so the event loop stays free;
 * - the updates a connection sends in one turn are applied in one transaction (`applyInbox`), and what one
 *   connection is sent in one stretch of work leaves in one write (server/connection.ts);
 * - every close names its reason with a typed code (`CLOSE_CODES`, model/protocol.ts) the browser explains.
 * Which updates are allowed, message types ≥ 100 and what happens on connect and load come from the server's
 * extensions (`SyncHooks`, composed in server/app.ts): nothing here is global. The connection itself (socket,
 * budgets, framing, corked writes) is server/connection.ts; the plan's room server/room.ts.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { Connection, encodeMessage, type ConnectionLimits, type PresenceEntry, type Visitor } from './connection.ts';
import type { UpdateEffect, UpdateRule } from './policy.ts';
import type { Fanout, FannedUpdate } from './fanout/redis.ts';
import type { WorkerPool } from './pool.ts';
import { Room, type RoomConnection } from './room.ts';
import type { Storage } from './storage/types.ts';
import type { Role } from '../model/protocol.ts';
import type { SyncLimits } from './config.ts';

import {
  CLOSE_CODES, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_IDENTITY, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, MESSAGE_UPDATE_REFUSED, type CloseCode,
} from '../model/protocol.ts';

export { Room, type RoomConnection, type Visitor };

export type { SyncLimits };


/** What one server's extensions add to the sync endpoint (server/extension.ts, composed in server/app.ts). */
export interface SyncHooks {
  /** every rule an update from a connection must pass */
  authorizeUpdate: UpdateRule;
  /** an allowed update, just before it is applied (automatic versions) */
  beforeApplyUpdate(room: Room, effect: UpdateEffect | undefined): void;
  /** a sync reply (step 2) was sent to the connection */
  onSynced(conn: RoomConnection): void;
}

export class RoomManager {
  readonly rooms = new Map<string, Room>();
  /** rooms being loaded (callers share one load) and being unloaded (a new load waits for the last commit) */
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** who follows a plan's committed changes on this instance (open portfolios, server/extensions/portfolio.ts) */
  private readonly changeListeners = new Map<string, Set<() => void>>();
  /** bytes applied in the transaction of the inbox being applied now (applyInbox) */
  private inboxBytes = 0;
  closed = false;

  constructor(
    readonly storage: Storage,
    readonly limits: SyncLimits,
    readonly log: Logger,
    readonly hooks: SyncHooks,
    /** the server's worker threads: large sync replies, compaction of a shared log */
    readonly pool: WorkerPool,
    /** with REDIS_URL: updates and presence cross instances (server/fanout/redis.ts) */
    readonly fanout?: Fanout,
  ) {}

  /** The loaded room of a plan, loading it from storage if needed; null if the plan does not exist. */
  async get(planId: string): Promise<Room | null> {
    const loaded = this.rooms.get(planId);
    if (loaded) return loaded;
    let loading = this.loading.get(planId);
    if (!loading) {
      loading = this.load(planId).finally(() => this.loading.delete(planId));
      this.loading.set(planId, loading);
    }
    return loading;
  }

  /**
   * With a fanout the room subscribes to the plan's stream first, then loads from the database, then applies the
   * entries that came meanwhile: nothing committed between the two is missed (applying twice changes nothing).
   */
  private async load(planId: string): Promise<Room | null> {
    await this.unloading.get(planId);
    const started = performance.now();
    let room: Room | null = null;
    const early: FannedUpdate[] = [];
    const unsubscribe = this.fanout
      ? await this.fanout.subscribeUpdates(planId, (entry) => (room ? room.applyFanned(entry) : early.push(entry)), '$', () => void room?.reloadFromStorage())
      : () => {};
    let stored;
    try {
      stored = await this.storage.updates.load(planId);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (!stored) {
      unsubscribe();
      return null;
    }
    room = new Room(planId, this, stored);
    for (const entry of early) room.applyFanned(entry);
    const converted = room.convertLegacyText();
    if (converted > 0) this.log.info({ planId, bytes: converted }, 'titles and descriptions converted to shared text');
    room.attachFanout(unsubscribe);
    this.rooms.set(planId, room);
    this.log.debug({ planId, ms: Math.round(performance.now() - started), bytes: stored.bytes }, 'plan loaded');
    room.scheduleUnload();
    return room;
  }

  /**
   * Calls `listener` after each committed change of the plan on this instance: local edits and, with REDIS_URL,
   * the other instances' edits while the room is loaded here. Returns the unsubscribe.
   */
  onPlanChange(planId: string, listener: () => void): () => void {
    let listeners = this.changeListeners.get(planId);
    if (!listeners) this.changeListeners.set(planId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.changeListeners.get(planId) === listeners) this.changeListeners.delete(planId);
    };
  }

  changed(planId: string): void {
    for (const listener of this.changeListeners.get(planId) ?? []) listener();
  }

  /** Unloads an empty room once its last updates are committed and its log folded. */
  unload(room: Room): Promise<void> {
    if (this.rooms.get(room.planId) !== room) return Promise.resolve();
    this.rooms.delete(room.planId);
    room.detach();
    const done = (async () => {
      await room.flushed();
      await room.compact();
      room.destroy();
      this.log.debug({ planId: room.planId }, 'plan unloaded');
    })().finally(() => this.unloading.delete(room.planId));
    this.unloading.set(room.planId, done);
    return done;
  }

  /** Forgets a room whose state can no longer be trusted (storage refused a commit); the next connect reloads. */
  drop(room: Room): void {
    if (this.rooms.get(room.planId) === room) this.rooms.delete(room.planId);
    room.destroy();
  }

  /** Why a new connection may not join the room, or null. Facilitators always get in. */
  private refusal(room: Room, role: Role, address: string): [CloseCode, string] | null {
    if (role === 'facilitator') return null;
    let others = 0;
    let viewers = 0;
    let fromAddress = 0;
    for (const conn of room.connections) {
      if (conn.role === 'facilitator') continue;
      others++;
      if (conn.role === 'viewer') viewers++;
      if (conn.address === address) fromAddress++;
    }
    if (others >= this.limits.maxConnectionsPerPlan) return [CLOSE_CODES.planFull, 'for mange forbindelser til planen'];
    if (role === 'viewer' && viewers >= this.limits.maxViewersPerPlan) return [CLOSE_CODES.tooManyViewers, 'for mange læsere i planen'];
    if (fromAddress >= this.limits.maxConnectionsPerAddress) return [CLOSE_CODES.tooManyFromAddress, 'for mange forbindelser fra din adresse'];
    return null;
  }

  /**
   * Accepts an authenticated WebSocket into a plan's room and runs the protocol on it. Messages that arrive while
   * the room loads are kept and handled, in order, once it is there.
   */
  connect(ws: WebSocket, planId: string, who: Visitor): void {
    const early: [Buffer, boolean][] = [];
    const keep = (data: Buffer, isBinary: boolean) => early.push([data, isBinary]);
    ws.binaryType = 'nodebuffer';
    ws.on('message', keep);
    this.get(planId).then(
      (room) => {
        ws.off('message', keep);
        if (ws.readyState !== ws.OPEN) return;
        if (!room) return ws.close(CLOSE_CODES.planNotFound, 'planen findes ikke');
        const conn = this.join(ws, room, who);
        for (const [data, isBinary] of early) if (conn) this.onMessage(conn, data, isBinary);
      },
      (error: Error) => {
        this.log.error({ planId, err: error.message }, 'plan could not be loaded');
        ws.close(CLOSE_CODES.serverError, 'planen kunne ikke indlæses');
      },
    );
  }

  private join(ws: WebSocket, room: Room, who: Visitor): RoomConnection | null {
    const { role, address } = who;
    const { planId } = room;
    const refused = this.refusal(room, role, address);
    if (refused) {
      this.log.warn({ planId, role, address, code: refused[0] }, refused[1]);
      ws.close(...refused);
      return null;
    }
    room.cancelUnload();
    const conn: RoomConnection = new Connection(ws, room, who, this.limits);
    room.connections.add(conn);
    conn.send(encodeMessage(MESSAGE_IDENTITY, (encoder) => encoding.writeVarString(encoder, JSON.stringify(who.identity))));
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    ws.on('close', () => this.disconnect(conn));
    ws.on('error', (error) => this.log.warn({ planId, conn: conn.id, err: error.message }, 'socket error'));
    ws.on('pong', () => (conn.alive = true));
    conn.send(encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, room.doc)));
    if (role === 'viewer') conn.tellReadOnly('Du har et læselink og kan ikke ændre planen.');
    const states = room.awareness.getStates();
    if (states.size > 0) {
      conn.send(encodeMessage(MESSAGE_AWARENESS, (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]))));
    }
    this.log.info({ planId, conn: conn.id, role, connections: room.connections.size }, 'connected');
    return conn;
  }

  private disconnect(conn: RoomConnection): void {
    const { room } = conn;
    if (!room.connections.delete(conn)) return;
    clearTimeout(conn.presenceTimer);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.clientIds], null);
    this.log.info({ planId: room.planId, conn: conn.id, connections: room.connections.size }, 'disconnected');
    if (room.connections.size === 0) {
      void room.compact();
      room.scheduleUnload();
    }
  }

  private onMessage(conn: RoomConnection, data: Buffer, isBinary: boolean): void {
    if (!isBinary) return this.reject(conn, CLOSE_CODES.notBinary, 'kun binære beskeder');
    if (!conn.takeMessageToken()) return this.reject(conn, CLOSE_CODES.tooManyMessages, 'for mange beskeder (rate limit)');
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (isDocUpdate(message)) {
      if (conn.inbox) conn.inbox.push(message);
      else {
        conn.inbox = [message];
        queueMicrotask(() => this.applyInbox(conn));
      }
      return;
    }
    this.applyInbox(conn); // the updates before this message first: a connection's messages keep their order
    this.process(conn, message);
  }

  private process(conn: RoomConnection, message: Uint8Array): void {
    try {
      this.handleMessage(conn, decoding.createDecoder(message));
    } catch (error) {
      this.reject(conn, CLOSE_CODES.invalidMessage, `ugyldig besked: ${(error as Error).message}`);
    }
  }

  /**
   * The document updates a connection sent in one turn (every frame of one read from its socket: a burst of typing,
   * a drag, a reconnect's offline edits) are checked one by one as always, and applied to the plan in ONE
   * transaction: the doc then emits one update for them all, committed as one row and relayed as one message, and
   * Yjs cleans up once instead of once per update. Bytes of updates applied in this transaction count against the
   * plan's size limit at once (`inboxBytes`), before the doc reports them.
   */
  private applyInbox(conn: RoomConnection): void {
    const inbox = conn.inbox;
    if (!inbox) return;
    conn.inbox = null;
    this.inboxBytes = 0;
    try {
      conn.room.doc.transact(() => {
        for (const message of inbox) this.process(conn, message);
      }, conn);
    } catch (error) {
      // an observer of the doc threw when the transaction ended (each message's own errors are handled in process):
      // this runs in a microtask, where an uncaught error would end the whole server
      this.reject(conn, CLOSE_CODES.invalidMessage, `ugyldig besked: ${(error as Error).message}`);
    } finally {
      this.inboxBytes = 0;
    }
  }

  private reject(conn: RoomConnection, code: CloseCode, reason: string): void {
    this.log.warn({ planId: conn.room.planId, conn: conn.id, code, reason }, 'connection closed');
    conn.close(code, reason);
  }

  private handleMessage(conn: RoomConnection, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(conn, decoder);
      case MESSAGE_AWARENESS:
        return this.handleAwareness(conn, decoding.readVarUint8Array(decoder));
      case MESSAGE_QUERY_AWARENESS: {
        const { awareness } = conn.room;
        conn.send(encodeMessage(MESSAGE_AWARENESS, (encoder) =>
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]))));
        return;
      }
      case MESSAGE_AUTH:
        return;
      default:
        throw new Error(`ukendt beskedtype ${type}`);
    }
  }

  private handleSync(conn: RoomConnection, decoder: decoding.Decoder): void {
    const { room } = conn;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) return this.replySyncStep1(conn, decoding.readVarUint8Array(decoder));
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`ukendt synkroniseringstype ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    const decoded = Y.decodeUpdate(update); // throws on a malformed update before anything is applied
    if (room.bytes + this.inboxBytes + update.byteLength > this.limits.maxPlanBytes) {
      return this.reject(conn, CLOSE_CODES.planTooBig, 'planen er blevet for stor');
    }
    const verdict = this.hooks.authorizeUpdate({ planId: room.planId, role: conn.role, doc: room.doc, update, decoded, connectionId: conn.id, name: conn.name, personId: conn.personId });
    if (!verdict.ok) {
      this.log.info({ planId: room.planId, conn: conn.id, reason: verdict.reason }, 'update refused');
      if (conn.role === 'viewer') return conn.tellReadOnly(verdict.reason);
      conn.send(encodeMessage(MESSAGE_UPDATE_REFUSED, (encoder) => encoding.writeVarString(encoder, JSON.stringify({ reason: verdict.reason }))));
      return;
    }
    this.hooks.beforeApplyUpdate(room, verdict.effect);
    Y.applyUpdate(room.doc, update, conn); // relayed once committed (server/room.ts)
    this.inboxBytes += update.byteLength;
  }

  /**
   * Step 2 for a client's state vector. Small plans answer at once; a large plan's reply is cut from the cached
   * encoded state in a worker. A connection has at most one reply in the making: requests meanwhile are dropped
   * (the reply in the making carries everything, and live updates reach the connection anyway).
   */
  private replySyncStep1(conn: RoomConnection, stateVector: Uint8Array): void {
    if (conn.replying) return;
    const { room } = conn;
    const state = room.state();
    // the reply may hold updates not committed yet: it leaves once they are (write before relay)
    const sendReply = (update: Uint8Array) => room.afterCommit(() => {
      conn.send(encodeMessage(MESSAGE_SYNC, (encoder) => {
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, update);
      }));
      this.hooks.onSynced(conn);
    });
    const empty = stateVector.byteLength <= 1; // a client with nothing: the whole state, no diff to compute
    if (empty) return sendReply(state);
    if (state.byteLength < this.limits.workerSyncBytes) return sendReply(Y.diffUpdate(state, stateVector));
    conn.replying = true;
    this.pool.syncReply(state, stateVector)
      .then(sendReply)
      .catch((error: Error) => this.reject(conn, CLOSE_CODES.invalidMessage, `ugyldig tilstandsvektor: ${error.message}`))
      .finally(() => (conn.replying = false));
  }

  /**
   * Applies an awareness update with the server's name, role and identity on the connection's own state. A
   * connection owns one awareness id (the first it announces); clients relay states of other clients too (the
   * stock provider echoes every change it sees), and entries for ids it does not own are skipped. What it may
   * relay per second is bounded in bytes: an update over the budget waits (the latest only) until it fits.
   */
  private handleAwareness(conn: RoomConnection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    let own: PresenceEntry | null = null;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > this.limits.maxAwarenessBytes) throw new Error('tilstedeværelsesdata er for store');
      if (own) continue;
      let owner = this.ownerOf(conn.room, clientId);
      if (owner && owner !== conn && owner.personId === conn.personId && conn.clientIds.size === 0) {
        // the same person on a new socket (a reconnect the server has not noticed yet): the id moves with them
        owner.clientIds.delete(clientId);
        conn.clientIds.add(clientId);
        owner = conn;
      }
      if (!owner && conn.clientIds.size === 0) conn.room.claimClientId(clientId);
      if (owner ? owner !== conn : conn.clientIds.size > 0) continue; // one id per connection, its own
      own = { clientId, clock, json: JSON.stringify(stampIdentity(JSON.parse(json) as Record<string, unknown> | null, conn)) };
    }
    if (own) this.relayPresence(conn, own);
  }

  /** Relays the connection's own state within its byte budget; over it, the latest state waits until it fits. */
  private relayPresence(conn: RoomConnection, entry: PresenceEntry): void {
    if (!conn.takePresenceBytes(entry.json.length)) {
      conn.pendingPresence = entry;
      conn.presenceTimer ??= setTimeout(() => {
        conn.presenceTimer = undefined;
        const pending = conn.pendingPresence;
        conn.pendingPresence = null;
        if (pending && conn.room.connections.has(conn)) this.relayPresence(conn, pending);
      }, conn.presenceWaitMs(entry.json.length));
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
    awarenessProtocol.applyAwarenessUpdate(conn.room.awareness, encoding.toUint8Array(encoder), conn);
  }

  private ownerOf(room: Room, clientId: number): RoomConnection | undefined {
    for (const conn of room.connections) if (conn.clientIds.has(clientId)) return conn;
    return undefined;
  }

  /** Pings every connection; one that did not answer the previous ping is dropped. */
  heartbeat(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) conn.ping();
    }
  }

  /** Graceful stop: close sockets with "going away", commit what is pending and fold every log into its snapshot. */
  async shutdown(): Promise<void> {
    this.closed = true;
    const rooms = [...this.rooms.values()];
    for (const room of rooms) for (const conn of room.connections) conn.close(CLOSE_CODES.serverRestarting, 'serveren genstarter');
    await Promise.all(rooms.map((room) => this.unload(room)));
    await Promise.all(this.unloading.values());
  }
}

function stampIdentity(state: Record<string, unknown> | null, conn: Connection): Record<string, unknown> | null {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return null;
  const user = typeof state.user === 'object' && state.user !== null && !Array.isArray(state.user) ? state.user : {};
  return { ...state, user: { ...user, name: conn.name, role: conn.role, id: conn.personId } };
}

/** A sync message carrying a document update (step 2 or update); its first two bytes say so (both are varuints < 128). */
function isDocUpdate(message: Uint8Array): boolean {
  return message[0] === MESSAGE_SYNC && (message[1] === syncProtocol.messageYjsSyncStep2 || message[1] === syncProtocol.messageYjsUpdate);
}
