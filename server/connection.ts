/**
 * One sync connection: its socket, who is behind it, its budgets (messages and presence bytes per second), and how
 * messages leave it (framing, corked writes, a slow consumer dropped, a close with a typed code of
 * model/protocol.ts). Like Hocuspocus's Connection.ts and OutgoingMessage.ts: what the room (server/room.ts) and
 * the room manager (server/sync.ts) do with a connection goes through here, and this file knows neither of them:
 * the room a connection is in is its type parameter.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import * as authProtocol from 'y-protocols/auth';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { MESSAGE_AUTH, type CloseCode, type Role } from '../model/protocol.ts';

/** The budgets of one connection (part of `SyncLimits`, server/sync.ts). */
export interface ConnectionLimits {
  /** sustained messages per second per connection, and the burst allowed above it */
  messagesPerSecond: number;
  messageBurst: number;
  /** presence bytes one connection may relay per second, and the burst allowed above it */
  presenceBytesPerSecond: number;
  presenceBurstBytes: number;
}

/** Who connects: the role and name from the link, the address, and the identity the server issued. */
export interface Visitor {
  role: Role;
  name: string;
  address: string;
  identity: { token: string; personId: string };
}

/** A presence state of the connection's own awareness id, as it will be relayed. */
export interface PresenceEntry { clientId: number; clock: number; json: string }

/** A message as the y-websocket protocol frames it: the type, then what `write` writes. */
export function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Slow consumers that let 16 MiB pile up are dropped: they resync when they reconnect. */
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * Messages sent to one connection in one synchronous stretch of work (a group commit relayed to every peer, the
 * presence of one incoming frame) leave in one write: the socket is corked at the first and uncorked when that
 * stretch ends (process.nextTick). A group of ten updates to 30 peers then costs 30 system calls, not 300. No message
 * waits for more than the code that is sending it. The only state shared by every server in the process.
 */
const corkedSockets = new Set<Socket>();

function uncorkAll(): void {
  for (const socket of corkedSockets) socket.uncork();
  corkedSockets.clear();
}

function corkUntilTickEnds(ws: WebSocket): void {
  // ws keeps its net.Socket in a private field; without one (a test double) messages are simply written one by one
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (!socket || corkedSockets.has(socket)) return;
  if (corkedSockets.size === 0) process.nextTick(uncorkAll);
  socket.cork();
  corkedSockets.add(socket);
}

/** A close reason cut to the 123 bytes of UTF-8 a close frame holds (æ, ø and å take two). */
export function fitCloseReason(reason: string): string {
  let fitted = reason;
  while (Buffer.byteLength(fitted) > 123) fitted = fitted.slice(0, -1);
  return fitted;
}

export class Connection<R = unknown> {
  readonly id = randomUUID();
  readonly role: Role;
  readonly name: string;
  /** the person behind the connection, issued by the server; votes, ideas and comments hang on it */
  readonly personId: string;
  readonly address: string;
  /** the awareness client id this connection has announced (at most one) */
  readonly clientIds = new Set<number>();
  private tokens: number;
  private lastRefill = Date.now();
  private presenceBytes: number;
  private presenceRefill = Date.now();
  /** a presence update waiting for the byte budget (only the latest is kept) */
  pendingPresence: PresenceEntry | null = null;
  presenceTimer: NodeJS.Timeout | undefined;
  /** a sync reply is being built in a worker: further sync requests wait for it, not pile up */
  replying = false;
  private toldReadOnly = false;
  /** answered the last ping */
  alive = true;
  /** document updates that arrived in this turn, applied together at its end (RoomManager.applyInbox) */
  inbox: Uint8Array[] | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly room: R,
    who: Visitor,
    private readonly limits: ConnectionLimits,
  ) {
    this.role = who.role;
    this.name = who.name;
    this.personId = who.identity.personId;
    this.address = who.address;
    this.tokens = limits.messageBurst;
    this.presenceBytes = limits.presenceBurstBytes;
  }

  /** Sends one message, corked with whatever else this stretch of work sends; a slow consumer is dropped. */
  send(message: Uint8Array): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.terminate();
      return;
    }
    corkUntilTickEnds(ws);
    ws.send(message, (error) => {
      if (error) ws.terminate();
    });
  }

  /** Closes the socket with a typed code (the browser explains it, client/connection.ts) and a reason for logs. */
  close(code: CloseCode, reason: string): void {
    this.ws.close(code, fitCloseReason(reason));
  }

  /** Tells a viewer, once, that its edits are dropped (y-protocols auth "permission denied"). */
  tellReadOnly(reason: string): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(encodeMessage(MESSAGE_AUTH, (encoder) => authProtocol.writePermissionDenied(encoder, reason)));
  }

  /** Takes one message from the connection's budget; false when it is spent. */
  takeMessageToken(): boolean {
    const now = Date.now();
    const { messageBurst, messagesPerSecond } = this.limits;
    this.tokens = Math.min(messageBurst, this.tokens + ((now - this.lastRefill) / 1000) * messagesPerSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Takes `bytes` from the connection's presence budget; false when it does not hold them (yet). */
  takePresenceBytes(bytes: number): boolean {
    const now = Date.now();
    const { presenceBytesPerSecond, presenceBurstBytes } = this.limits;
    this.presenceBytes = Math.min(presenceBurstBytes, this.presenceBytes + ((now - this.presenceRefill) / 1000) * presenceBytesPerSecond);
    this.presenceRefill = now;
    if (this.presenceBytes < bytes && bytes <= presenceBurstBytes) return false;
    this.presenceBytes -= bytes;
    return true;
  }

  /** How long until the presence budget holds `bytes`. */
  presenceWaitMs(bytes: number): number {
    return Math.ceil(((bytes - this.presenceBytes) / this.limits.presenceBytesPerSecond) * 1000) + 20;
  }

  /** Pings the socket; one that did not answer the previous ping is dropped. */
  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }
}
