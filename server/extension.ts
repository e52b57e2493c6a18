/**
 * What a server extension may add to a server instance (server/app.ts `createServer`), in the spirit of
 * Hocuspocus's extensions: each hook is optional, every extension's hooks run in the order the extensions were
 * given, and each hook takes one payload object (as Hocuspocus's `onConnect(data)`), so a field added to a payload
 * breaks no extension. Nothing here is global: an extension is a value made by a factory (server/extensions/*.ts),
 * so two servers in one process each have their own routes, rules and limiters. Its options come from the
 * server's config (`onConfigure`), never from process.env.
 *
 * Each hook has its own test, with an extension made in the test (test/integration/ext-hook-*.test.ts). A hook
 * nobody used went (checkUpdate, messageHandlers, onConnect, onLoad): add one back with a user and a test.
 */
import type { AppConfig } from './config.ts';
import type { ShadowCheck } from './integrity.ts';
import type { Route, ServerContext } from './http.ts';
import type { UpdateEffect } from './policy.ts';
import type { Room } from './room.ts';

export type { ShadowCheck, ShadowCheckPayload } from './integrity.ts';

export interface ConfigurePayload {
  ctx: ServerContext;
  /** the server's configuration (server/config.ts): where an extension's options come from */
  config: AppConfig;
}

export interface BeforeApplyUpdatePayload {
  room: Room;
  /** what the update does to the plan's nodes, as the update rules saw it on the shadow */
  effect: UpdateEffect | undefined;
  ctx: ServerContext;
}

export interface DestroyPayload {
  ctx: ServerContext;
}

export interface Extension {
  /** for logs and error messages */
  readonly name: string;
  /** Called once when the server is composed, before it listens: limiters and other per-server state start here. */
  onConfigure?(data: ConfigurePayload): void;
  /** HTTP routes the extension answers. */
  routes?: Route[];
  /**
   * A check of each update from a writer, on the shadow copy of the doc after the update (server/integrity.ts):
   * return null to let every update of this writer pass, or a check of the update's transaction.
   */
  shadowCheck?: ShadowCheck;
  /** Called with an allowed update just before it is applied to the room (automatic versions). */
  beforeApplyUpdate?(data: BeforeApplyUpdatePayload): void;
  /**
   * The server is closing: called first, before the HTTP server stops taking connections, so that an extension's
   * long-lived responses (the portfolio's event streams) end and do not hold the close up.
   */
  onDestroy?(data: DestroyPayload): Promise<void> | void;
}
