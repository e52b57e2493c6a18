// The connection badge: it must not stay on "Forbinder …" when the socket opened before the badge subscribed.
import { describe, expect, it } from 'vitest';
import { watchConnectionStatus, type ConnectionStatus, type StatusSource } from '../../client/connectionStatus.ts';

/** A stand-in for y-websocket's provider: state fields and 'status' / 'sync' events. */
function fakeProvider() {
  const listeners = new Map<string, Set<(event?: { status?: string }) => void>>();
  const provider: StatusSource & { emit(name: 'status' | 'sync', event?: { status?: string }): void } = {
    wsconnected: false,
    synced: false,
    on: (name, listener) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(listener),
    off: (name, listener) => void listeners.get(name)?.delete(listener),
    emit: (name, event) => listeners.get(name)?.forEach((listener) => listener(event)),
  };
  return provider;
}

describe('the connection badge', () => {
  it('shows "connected" when the socket opened between the first render and the subscription', () => {
    const provider = fakeProvider();
    // the badge rendered while connecting; then the socket opens and says so before anyone listens
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    const seen: ConnectionStatus[] = [];
    const stop = watchConnectionStatus(provider, (status) => seen.push(status), null);
    expect(seen.at(-1)).toBe('connected');
    stop();
  });

  it('follows connecting → connected → offline (dropped) → connected', () => {
    const provider = fakeProvider();
    const seen: ConnectionStatus[] = [];
    const stop = watchConnectionStatus(provider, (status) => seen.push(status), null);
    expect(seen.at(-1)).toBe('connecting');
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)).toBe('connected');
    provider.wsconnected = false;
    provider.emit('status', { status: 'disconnected' });
    expect(seen.at(-1)).toBe('offline');
    provider.emit('status', { status: 'connecting' });
    expect(seen.at(-1)).toBe('offline');
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)).toBe('connected');
    stop();
    provider.wsconnected = false;
    provider.emit('status', { status: 'disconnected' });
    expect(seen.at(-1)).toBe('connected');
  });

  it('counts a synced provider as connected even when no status event came', () => {
    const provider = fakeProvider();
    const seen: ConnectionStatus[] = [];
    watchConnectionStatus(provider, (status) => seen.push(status), null);
    provider.synced = true;
    provider.emit('sync');
    expect(seen.at(-1)).toBe('connected');
  });
});
