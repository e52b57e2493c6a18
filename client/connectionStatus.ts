/**
 * The connection badge's state, read from the y-websocket provider. The provider says 'connected' once, in a
 * 'status' event when its socket opens; a listener attached after that event (the badge subscribes in an effect,
 * after its first render read `wsconnected`, and the socket may open in between) never hears it, and the badge
 * stayed on "Forbinder …" while edits synced fine, until the next reconnect. So the watcher reads the provider's
 * state when it starts and again on every event it does hear (status, sync, the browser's online/offline), instead
 * of trusting the events alone.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'offline';

/** What of a WebsocketProvider the badge reads (also a fake one in the tests). */
export interface StatusSource {
  wsconnected: boolean;
  synced: boolean;
  on(event: 'status' | 'sync', listener: (event?: { status?: string }) => void): void;
  off(event: 'status' | 'sync', listener: (event?: { status?: string }) => void): void;
}

export function connectionStatusOf(provider: Pick<StatusSource, 'wsconnected' | 'synced'>, online = true): ConnectionStatus {
  if (provider.wsconnected || provider.synced) return 'connected';
  return online ? 'connecting' : 'offline';
}

/** Calls `onChange` with the state now and at every change; returns the unsubscribe. */
export function watchConnectionStatus(provider: StatusSource, onChange: (status: ConnectionStatus) => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window === 'undefined' ? null : window): () => void {
  const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  let offline = !isOnline();
  // a connection that was up and dropped shows as offline (edits are kept) until the provider is back
  let lost = false;
  const read = () => onChange(connectionStatusOf(provider, !offline && !lost));
  const onStatus = (event?: { status?: string }) => {
    if (event?.status === 'disconnected') lost = true;
    if (provider.wsconnected) lost = false;
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
  target?.addEventListener('offline', goOffline);
  target?.addEventListener('online', goOnline);
  read();
  return () => {
    provider.off('status', onStatus);
    provider.off('sync', onStatus);
    target?.removeEventListener('offline', goOffline);
    target?.removeEventListener('online', goOnline);
  };
}
