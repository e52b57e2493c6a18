/**
 * The connection badge's state, read from the y-websocket provider. The provider says 'connected' once, in a
 * 'status' event when its socket opens; a listener attached after that event (the badge subscribes in an effect,
 * after its first render read `wsconnected`, and the socket may open in between) never hears it, and the badge
 * stayed on "Forbinder …" while edits synced fine, until the next reconnect. So the watcher reads the provider's
 * state when it starts and again on every event it does hear (status, sync, the browser's online/offline), instead
 * of trusting the events alone.
 *
 * When the server closed the socket with one of its codes (CLOSE_REASONS, model/protocol.ts), the state names the
 * reason, and the badge says it in words; a reason after which reconnecting cannot help (an invalid link, a deleted
 * plan) is 'stopped': the provider has stopped trying (client/connection.ts) and the badge says what to do instead.
 */
import { closeReasonOf, CLOSE_REASONS, type CloseReason } from '../model/protocol.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'stopped';

export interface ConnectionState {
  status: ConnectionStatus;
  /** why the server closed the last connection, while it is not back; null when it did not say (or it is back) */
  reason: CloseReason | null;
}

type ProviderEvent = 'status' | 'sync' | 'connection-close';
type ProviderListener = (event?: { status?: string; code?: number } | null) => void;

/** What of a WebsocketProvider the badge reads (also a fake one in the tests). */
export interface StatusSource {
  wsconnected: boolean;
  synced: boolean;
  on(event: ProviderEvent, listener: ProviderListener): void;
  off(event: ProviderEvent, listener: ProviderListener): void;
}

export function connectionStatusOf(provider: Pick<StatusSource, 'wsconnected' | 'synced'>, online = true): ConnectionStatus {
  if (provider.wsconnected || provider.synced) return 'connected';
  return online ? 'connecting' : 'offline';
}

/** Calls `onChange` with the state now and at every change; returns the unsubscribe. */
export function watchConnectionStatus(provider: StatusSource, onChange: (state: ConnectionState) => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window === 'undefined' ? null : window): () => void {
  const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  let offline = !isOnline();
  // a connection that was up and dropped shows as offline (edits are kept) until the provider is back
  let lost = false;
  let reason: CloseReason | null = null;
  const read = () => {
    const status = connectionStatusOf(provider, !offline && !lost);
    if (status === 'connected') return onChange({ status, reason: null });
    // the server answered and said why: not offline, but waiting for it (or stopped, where waiting cannot help)
    if (reason) return onChange({ status: CLOSE_REASONS[reason].retry ? 'connecting' : 'stopped', reason });
    onChange({ status, reason });
  };
  const onStatus: ProviderListener = (event) => {
    if (event?.status === 'disconnected') lost = true;
    if (provider.wsconnected) lost = false;
    read();
  };
  // `null` is a close of our own (disconnect, the watchdog): it says nothing about the server
  const onClose: ProviderListener = (event) => {
    if (typeof event?.code === 'number') reason = closeReasonOf(event.code);
    read();
  };
  const goOffline = () => {
    offline = true;
    read();
  };
  const goOnline = () => {
    offline = false;
    read();
  };
  provider.on('status', onStatus);
  provider.on('sync', onStatus);
  provider.on('connection-close', onClose);
  target?.addEventListener('offline', goOffline);
  target?.addEventListener('online', goOnline);
  read();
  return () => {
    provider.off('status', onStatus);
    provider.off('sync', onStatus);
    provider.off('connection-close', onClose);
    target?.removeEventListener('offline', goOffline);
    target?.removeEventListener('online', goOnline);
  };
}
