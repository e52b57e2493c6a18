/**
 * The sync endpoint: the y-websocket protocol (sync + awareness, y-protocols) over `ws`, with the server owning
 * roles, limits and durability. Modelled on the y-websocket server utilities, with these differences:
 * - every update is appended to storage BEFORE it is relayed, so after a crash every update that any client has
 *   seen is on disk;
 * - an update is decoded (validated) and authorised (server/policy.ts) before it is applied; viewers' updates are
 *   dropped and the viewer is told (auth message "permission denied");
 * - names and roles in awareness are the server's, not what a client claims;
 * - frames, plan size, awareness states and message rate are bounded; a malformed frame closes that connection only.
 * Message types ≥ 100 are routed to handlers registered with `registerMessageHandler` (workshop features).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { autoVersionBeforeUpdate } from './auto-versions.ts';
import { authorizeUpdate } from './policy.ts';
import type { PlanStore } from './storage.ts';
import type { Role } from './tokens.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Server → client: the server refused an update (JSON {reason}); the client must resync from the server. */
export const MESSAGE_UPDATE_REFUSED = 100;

export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_INTERNAL = 1011;

export interface SyncLimits {
  /** largest plan state, in bytes */
  maxPlanBytes: number;
  /** largest awareness state of one client, in bytes of JSON */
  maxAwarenessBytes: number;
  /** sustained messages per second per connection, and the burst allowed above it */
  messagesPerSecond: number;
  messageBurst: number;
  maxConnectionsPerPlan: number;
  /** fold the update log into a snapshot after this many updates */
  compactEvery: number;
  /** unload a plan this long after its last connection left */
  unloadAfterMs: number;
  /** save an automatic version when the plan was edited and the last one is this old (server/auto-versions.ts) */
  autoVersionEveryMs: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxPlanBytes: 32 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  messagesPerSecond: 100,
  messageBurst: 400,
  maxConnectionsPerPlan: 200,
  compactEvery: 500,
  unloadAfterMs: 30_000,
  autoVersionEveryMs: 15 * 60 * 1000,
};

export interface Connection {
  id: string;
  ws: WebSocket;
  role: Role;
  name: string;
  room: Room;
  /** awareness client ids this connection has announced */
  clientIds: Set<number>;
  tokens: number;
  lastRefill: number;
  toldReadOnly: boolean;
  alive: boolean;
}

export type MessageHandler = (conn: Connection, decoder: decoding.Decoder) => void;
const messageHandlers = new Map<number, MessageHandler>();

/** Routes a custom message type (≥ 100) to a handler. */
export function registerMessageHandler(type: number, handler: MessageHandler): void {
  if (type < 100) throw new Error('custom message types start at 100');
  messageHandlers.set(type, handler);
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  lastSeq: number;
  bytes: number;
  /** when and at which sequence number the last automatic version was saved (server/auto-versions.ts) */
  lastAutoVersion = { at: Date.now(), seq: -1 };
  private updatesSinceSnapshot = 0;
  private unloadTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly planId: string,
    private readonly manager: RoomManager,
    stored: { updates: Uint8Array[]; lastSeq: number; bytes: number },
  ) {
    this.awareness.setLocalState(null);
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'load');
    this.lastSeq = stored.lastSeq;
    this.bytes = stored.bytes;
    this.updatesSinceSnapshot = Math.max(0, stored.updates.length - 1);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
  }

  /** Persist first, then relay: what anyone has seen is on disk. */
  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.lastSeq = this.manager.store.appendUpdate(this.planId, update);
    this.bytes += update.byteLength;
    this.updatesSinceSnapshot++;
    const message = encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
    for (const conn of this.connections) if (conn !== origin) send(conn, message);
    if (this.updatesSinceSnapshot >= this.manager.limits.compactEvery) setImmediate(() => this.compact());
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const conn = origin as Connection | undefined;
    if (conn && this.connections.has(conn)) {
      for (const id of added) conn.clientIds.add(id);
      for (const id of removed) conn.clientIds.delete(id);
    }
    const message = encodeMessage(MESSAGE_AWARENESS, (encoder) =>
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    for (const other of this.connections) send(other, message);
  }

  /** Folds the log into one snapshot; one transaction in storage, so a crash leaves either the old or the new. */
  compact(): void {
    if (this.updatesSinceSnapshot === 0 || this.manager.closed) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.manager.store.compact(this.planId, state, this.lastSeq);
    this.bytes = state.byteLength;
    this.updatesSinceSnapshot = 0;
  }

  cancelUnload(): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = undefined;
  }

  scheduleUnload(): void {
    this.cancelUnload();
    this.unloadTimer = setTimeout(() => {
      if (this.connections.size === 0) this.manager.unload(this);
    }, this.manager.limits.unloadAfterMs);
    this.unloadTimer.unref();
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

export class RoomManager {
  readonly rooms = new Map<string, Room>();
  closed = false;

  constructor(
    readonly store: PlanStore,
    readonly limits: SyncLimits,
    readonly log: Logger,
  ) {}

  /** The loaded room of a plan, loading it from storage if needed; null if the plan does not exist. */
  get(planId: string): Room | null {
    const loaded = this.rooms.get(planId);
    if (loaded) return loaded;
    const stored = this.store.loadPlan(planId);
    if (!stored) return null;
    const started = performance.now();
    const room = new Room(planId, this, stored);
    this.rooms.set(planId, room);
    this.log.debug({ planId, ms: Math.round(performance.now() - started), bytes: stored.bytes }, 'plan loaded');
    room.scheduleUnload();
    return room;
  }

  unload(room: Room): void {
    room.compact();
    room.awareness.destroy();
    room.doc.destroy();
    this.rooms.delete(room.planId);
    this.log.debug({ planId: room.planId }, 'plan unloaded');
  }

  /** Accepts an authenticated WebSocket into a plan's room and runs the protocol on it. */
  connect(ws: WebSocket, planId: string, role: Role, name: string): void {
    const room = this.get(planId);
    if (!room) {
      ws.close(CLOSE_POLICY, 'planen findes ikke');
      return;
    }
    if (room.connections.size >= this.limits.maxConnectionsPerPlan) {
      ws.close(CLOSE_POLICY, 'for mange forbindelser til planen');
      return;
    }
    room.cancelUnload();
    const conn: Connection = {
      id: randomUUID(),
      ws,
      role,
      name,
      room,
      clientIds: new Set(),
      tokens: this.limits.messageBurst,
      lastRefill: Date.now(),
      toldReadOnly: false,
      alive: true,
    };
    room.connections.add(conn);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    ws.on('close', () => this.disconnect(conn));
    ws.on('error', (error) => this.log.warn({ planId, conn: conn.id, err: error.message }, 'socket error'));
    ws.on('pong', () => (conn.alive = true));
    send(conn, encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, room.doc)));
    if (role === 'viewer') tellReadOnly(conn, 'Du har et læselink og kan ikke ændre planen.');
    const states = room.awareness.getStates();
    if (states.size > 0) {
      send(conn, encodeMessage(MESSAGE_AWARENESS, (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]))));
    }
    this.log.info({ planId, conn: conn.id, role, connections: room.connections.size }, 'connected');
  }

  private disconnect(conn: Connection): void {
    const { room } = conn;
    if (!room.connections.delete(conn)) return;
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.clientIds], null);
    this.log.info({ planId: room.planId, conn: conn.id, connections: room.connections.size }, 'disconnected');
    if (room.connections.size === 0) {
      room.compact();
      room.scheduleUnload();
    }
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (!isBinary) return this.reject(conn, CLOSE_UNSUPPORTED, 'kun binære beskeder');
    if (!takeToken(conn, this.limits)) return this.reject(conn, CLOSE_POLICY, 'for mange beskeder (rate limit)');
    try {
      this.handleMessage(conn, decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    } catch (error) {
      this.reject(conn, CLOSE_INVALID, `ugyldig besked: ${(error as Error).message}`);
    }
  }

  private reject(conn: Connection, code: number, reason: string): void {
    this.log.warn({ planId: conn.room.planId, conn: conn.id, code, reason }, 'connection closed');
    conn.ws.close(code, reason.slice(0, 120));
  }

  private handleMessage(conn: Connection, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(conn, decoder);
      case MESSAGE_AWARENESS:
        return this.handleAwareness(conn, decoding.readVarUint8Array(decoder));
      case MESSAGE_QUERY_AWARENESS: {
        const { awareness } = conn.room;
        send(conn, encodeMessage(MESSAGE_AWARENESS, (encoder) =>
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]))));
        return;
      }
      case MESSAGE_AUTH:
        return;
      default: {
        const handler = messageHandlers.get(type);
        if (!handler) throw new Error(`ukendt beskedtype ${type}`);
        handler(conn, decoder);
      }
    }
  }

  private handleSync(conn: Connection, decoder: decoding.Decoder): void {
    const { room } = conn;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncStep1(decoder, reply, room.doc);
      send(conn, encoding.toUint8Array(reply));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`ukendt synkroniseringstype ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    Y.decodeUpdate(update); // throws on a malformed update before anything is applied
    if (room.bytes + update.byteLength > this.limits.maxPlanBytes) {
      return this.reject(conn, CLOSE_TOO_BIG, 'planen er blevet for stor');
    }
    const verdict = authorizeUpdate({ planId: room.planId, role: conn.role, doc: room.doc, update, connectionId: conn.id, name: conn.name });
    if (!verdict.ok) {
      this.log.info({ planId: room.planId, conn: conn.id, reason: verdict.reason }, 'update refused');
      if (conn.role === 'viewer') return tellReadOnly(conn, verdict.reason);
      send(conn, encodeMessage(MESSAGE_UPDATE_REFUSED, (encoder) => encoding.writeVarString(encoder, JSON.stringify({ reason: verdict.reason }))));
      return;
    }
    autoVersionBeforeUpdate(this, room, verdict.effect);
    Y.applyUpdate(room.doc, update, conn);
  }

  /**
   * Applies an awareness update with the server's name and role on each state the connection owns. Clients relay
   * states of other clients too (the stock provider echoes every change it sees): those entries are skipped.
   */
  private handleAwareness(conn: Connection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: { clientId: number; clock: number; json: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > this.limits.maxAwarenessBytes) throw new Error('tilstedeværelsesdata er for store');
      const owner = this.ownerOf(conn.room, clientId);
      if (owner && owner !== conn) continue;
      const state = JSON.parse(json) as Record<string, unknown> | null;
      entries.push({ clientId, clock, json: JSON.stringify(stampIdentity(state, conn)) });
    }
    if (entries.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const { clientId, clock, json } of entries) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    awarenessProtocol.applyAwarenessUpdate(conn.room.awareness, encoding.toUint8Array(encoder), conn);
  }

  private ownerOf(room: Room, clientId: number): Connection | undefined {
    for (const conn of room.connections) if (conn.clientIds.has(clientId)) return conn;
    return undefined;
  }

  /** Pings every connection; one that did not answer the previous ping is dropped. */
  heartbeat(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        try {
          conn.ws.ping();
        } catch {
          conn.ws.terminate();
        }
      }
    }
  }

  /** Graceful stop: fold every log into its snapshot, close sockets with "going away". */
  shutdown(): void {
    for (const room of this.rooms.values()) {
      room.compact();
      for (const conn of room.connections) conn.ws.close(CLOSE_GOING_AWAY, 'serveren genstarter');
    }
    this.closed = true;
  }
}

function stampIdentity(state: Record<string, unknown> | null, conn: Connection): Record<string, unknown> | null {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return null;
  const user = typeof state.user === 'object' && state.user !== null && !Array.isArray(state.user) ? state.user : {};
  return { ...state, user: { ...user, name: conn.name, role: conn.role } };
}

function takeToken(conn: Connection, limits: SyncLimits): boolean {
  const now = Date.now();
  conn.tokens = Math.min(limits.messageBurst, conn.tokens + ((now - conn.lastRefill) / 1000) * limits.messagesPerSecond);
  conn.lastRefill = now;
  if (conn.tokens < 1) return false;
  conn.tokens -= 1;
  return true;
}

function tellReadOnly(conn: Connection, reason: string): void {
  if (conn.toldReadOnly) return;
  conn.toldReadOnly = true;
  send(conn, encodeMessage(MESSAGE_AUTH, (encoder) => authProtocol.writePermissionDenied(encoder, reason)));
}

export function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Slow consumers that let 16 MiB pile up are dropped: they resync when they reconnect. */
const MAX_BUFFERED = 16 * 1024 * 1024;

export function send(conn: Connection, message: Uint8Array): void {
  if (conn.ws.readyState !== conn.ws.OPEN) return;
  if (conn.ws.bufferedAmount > MAX_BUFFERED) {
    conn.ws.terminate();
    return;
  }
  conn.ws.send(message, (error) => {
    if (error) conn.ws.terminate();
  });
}
