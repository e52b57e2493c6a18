/**
 * Hand-made clients for the hostile tests of identity, presence, caps and a frozen server: a y-websocket provider that records refusals and the identity the
 * server issues, and a raw socket that speaks the protocol byte by byte (for what no honest client sends).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { tokenOf, type TestServer } from './server.ts';

/** where a hand-made client connects: a spawned server (server.ts) or one in this process (inprocess.ts) */
export type SyncEndpoint = Pick<TestServer, 'wsUrl'>;

import { MESSAGE_IDENTITY, MESSAGE_UPDATE_REFUSED } from '../../model/protocol.ts';

export { MESSAGE_IDENTITY, MESSAGE_UPDATE_REFUSED };

export interface HandmadeClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  refusals: string[];
  identity: { token: string; personId: string } | null;
}

const open: WebsocketProvider[] = [];

export function connectProvider(server: SyncEndpoint, planId: string, link: string, name: string, identity?: string): HandmadeClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, planId, doc, {
    params: identity ? { token: tokenOf(link), name, identity } : { token: tokenOf(link), name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const client: HandmadeClient = { doc, provider, refusals: [], identity: null };
  provider.messageHandlers[MESSAGE_UPDATE_REFUSED] = (_encoder, decoder) => {
    client.refusals.push((JSON.parse(decoding.readVarString(decoder)) as { reason: string }).reason);
  };
  provider.messageHandlers[MESSAGE_IDENTITY] = (_encoder, decoder) => {
    client.identity = JSON.parse(decoding.readVarString(decoder)) as { token: string; personId: string };
  };
  open.push(provider);
  return client;
}

export function destroyProviders(): void {
  open.splice(0).forEach((p) => p.destroy());
}

/** A raw socket to a plan's sync endpoint; resolves when it is open. */
export function rawSocket(server: SyncEndpoint, planId: string, link: string, options: { name?: string; localAddress?: string } = {}): Promise<WebSocket> {
  const url = `${server.wsUrl}/${planId}?token=${encodeURIComponent(tokenOf(link))}&name=${encodeURIComponent(options.name ?? 'Rå')}`;
  const ws = new WebSocket(url, options.localAddress ? { localAddress: options.localAddress } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * Whether the server lets a socket into the room: admitted when its first frame is a protocol message, refused when
 * the socket is closed before any.
 */
export async function admitted(server: SyncEndpoint, planId: string, link: string, localAddress?: string): Promise<{ ws: WebSocket; admitted: boolean; reason: string }> {
  const url = `${server.wsUrl}/${planId}?token=${encodeURIComponent(tokenOf(link))}&name=Prøve`;
  const ws = new WebSocket(url, localAddress ? { localAddress } : {});
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve({ ws, admitted: true, reason: '' }));
    ws.once('close', (_code, reason) => resolve({ ws, admitted: false, reason: reason.toString() }));
    ws.once('error', reject);
  });
}

export { until } from './until.ts';

export const smallPlan = {
  format: 'forandringskort/v1',
  plan: { title: 'Angreb' },
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' },
    { id: 'o1', kind: 'output', title: '40 brugere' },
  ],
  edges: [{ from: 'a1', to: 'o1', kind: 'leder-til' }],
};
