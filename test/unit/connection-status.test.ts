// The connection badge: it must not stay on "Forbinder …" when the socket opened before the badge subscribed.
import { describe, expect, it } from 'vitest';
import { watchConnectionStatus, type ConnectionState, type StatusSource } from '../../client/connectionStatus.ts';
import { CLOSE_CODES } from '../../model/protocol.ts';

/** A stand-in for y-websocket's provider: state fields and 'status' / 'sync' events. */
function fakeProvider() {
  const listeners = new Map<string, Set<(event?: { status?: string; code?: number } | null) => void>>();
  const provider: StatusSource & { emit(name: 'status' | 'sync' | 'connection-close', event?: { status?: string; code?: number } | null): void } = {
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
    const seen: ConnectionState[] = [];
    const stop = watchConnectionStatus(provider, (state) => seen.push(state), null);
    expect(seen.at(-1)?.status).toBe('connected');
    stop();
  });

  it('follows connecting → connected → offline (dropped) → connected', () => {
    const provider = fakeProvider();
    const seen: ConnectionState[] = [];
    const stop = watchConnectionStatus(provider, (state) => seen.push(state), null);
    expect(seen.at(-1)?.status).toBe('connecting');
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)?.status).toBe('connected');
    provider.wsconnected = false;
    provider.emit('status', { status: 'disconnected' });
    expect(seen.at(-1)?.status).toBe('offline');
    provider.emit('status', { status: 'connecting' });
    expect(seen.at(-1)?.status).toBe('offline');
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)?.status).toBe('connected');
    stop();
    provider.wsconnected = false;
    provider.emit('status', { status: 'disconnected' });
    expect(seen.at(-1)?.status).toBe('connected');
  });

  it('counts a synced provider as connected even when no status event came', () => {
    const provider = fakeProvider();
    const seen: ConnectionState[] = [];
    watchConnectionStatus(provider, (state) => seen.push(state), null);
    provider.synced = true;
    provider.emit('sync');
    expect(seen.at(-1)?.status).toBe('connected');
  });

  it('names the reason of a close, stops on one that cannot pass and forgets it once connected again', () => {
    const provider = fakeProvider();
    const seen: ConnectionState[] = [];
    watchConnectionStatus(provider, (state) => seen.push(state), null);
    provider.emit('connection-close', { code: CLOSE_CODES.planFull });
    expect(seen.at(-1)).toEqual({ status: 'connecting', reason: 'planFull' });
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)).toEqual({ status: 'connected', reason: null });
    provider.wsconnected = false;
    provider.emit('connection-close', { code: CLOSE_CODES.linkInvalid });
    provider.emit('status', { status: 'disconnected' });
    expect(seen.at(-1)).toEqual({ status: 'stopped', reason: 'linkInvalid' });
  });

  it('says nothing of a close of its own (no event) or a dropped network (1006)', () => {
    const provider = fakeProvider();
    const seen: ConnectionState[] = [];
    watchConnectionStatus(provider, (state) => seen.push(state), null);
    provider.emit('connection-close', null);
    expect(seen.at(-1)).toEqual({ status: 'connecting', reason: null });
    provider.emit('connection-close', { code: 1006 });
    expect(seen.at(-1)).toEqual({ status: 'connecting', reason: null });
  });
});
