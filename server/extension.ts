/**
 * What a server extension may add to a server instance (server/app.ts `createServer`), in the spirit of
 * Hocuspocus's extensions: each hook is optional, and every extension's hooks run in the order the extensions
 * were given. Nothing here is global: an extension is a value made by a factory (server/extensions/*.ts), so two
 * servers in one process each have their own routes, rules, handlers and limiters.
 */
import type { ShadowCheck } from './integrity.ts';
import type { Route, ServerContext } from './http.ts';
import type { UpdateContext, UpdateEffect, UpdateVerdict } from './policy.ts';
import type { Room, RoomConnection as Connection } from './room.ts';
import type { MessageHandler } from './sync.ts';

export type { MessageHandler };

export interface Extension {
  /** for logs and error messages */
  readonly name: string;
  /** Called once when the server is composed, before it listens: limiters and other per-server state start here. */
  onConfigure?(ctx: ServerContext): void;
  /** HTTP routes the extension answers. */
  routes?: Route[];
  /**
   * A rule every update from a connection must pass (viewers are refused before any rule runs). Cheap checks
   * that need no shadow copy of the doc belong here.
   */
  checkUpdate?(ctx: UpdateContext): UpdateVerdict;
  /** A check of the update's transaction on the shadow copy of the doc (server/integrity.ts). */
  shadowCheck?: ShadowCheck;
  /** Called with an allowed update just before it is applied to the room (automatic versions). */
  beforeApplyUpdate?(room: Room, effect: UpdateEffect | undefined, ctx: ServerContext): void;
  /** Custom message types this extension handles (≥ 100). */
  messageHandlers?: Record<number, MessageHandler>;
  /** A connection has joined a room (after the server has sent its identity and sync step 1). */
  onConnect?(conn: Connection): void;
  /** A plan has been loaded from storage into a room. */
  onLoad?(room: Room): void;
  /** The server is closing. */
  onDestroy?(): Promise<void> | void;
}
