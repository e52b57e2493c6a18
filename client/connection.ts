/**
 * A plan session in the browser: the Y.Doc, kept offline in IndexedDB (y-indexeddb) and synced with the server
 * through the stock y-websocket provider. Reconnects back off with jitter so that a room of laptops does not
 * reconnect in lockstep after a server restart. A close the server gives a reason for (CLOSE_REASONS in
 * model/protocol.ts) is retried or not as that table says; the badge (client/connectionStatus.ts) explains it.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { createUndoManager, removeDanglingEdges } from '../model/ydoc.ts';

import { capabilityOfPayload, MESSAGE_IDENTITY, MESSAGE_UPDATE_REFUSED, shouldRetryClose, tokenPayload, type Capability, type IssuedIdentity, type Role } from '../model/protocol.ts';

export type { Role };

/** Who this browser is in a plan: issued and signed by the server, kept per plan, presented on every connect. */
export type Identity = IssuedIdentity;

const identityKey = (planId: string) => `forandringskort.identity.${planId}`;

function storedIdentity(planId: string): Identity | null {
  try {
    const value = JSON.parse(localStorage.getItem(identityKey(planId)) ?? 'null') as Partial<Identity> | null;
    return typeof value?.token === 'string' && typeof value.personId === 'string' ? { token: value.token, personId: value.personId } : null;
  } catch {
    return null;
  }
}

/** Reads (does not verify) the role and plan a link's token names; the server enforces them. */
export function readToken(token: string): Capability | null {
  return capabilityOfPayload(tokenPayload(token));
}

export type { ConnectionStatus } from './connectionStatus.ts';

export interface PlanSession {
  planId: string;
  token: string;
  role: Role;
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence;
  undoManager: Y.UndoManager;
  /** the origin of this browser's own edits: the undo manager tracks only these */
  localOrigin: { user: string };
  /** this browser's identity in the plan; null until the server has issued one (first connect) */
  identity(): Identity | null;
  onIdentity(listener: () => void): () => void;
  destroy(): void;
}

const COLORS = ['#d1495b', '#00798c', '#edae49', '#66a182', '#8d5a97', '#2e4057', '#e07a5f', '#3d5a80'];

export function colorFor(clientId: number): string {
  return COLORS[clientId % COLORS.length]!;
}

export function syncUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/sync`;
}

export function openSession(planId: string, token: string, name: string, onRefused: (reason: string) => void): PlanSession {
  const role = readToken(token)?.role ?? 'viewer';
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`forandringskort-${planId}`, doc);
  let identity = storedIdentity(planId);
  const identityListeners = new Set<() => void>();
  const provider = new WebsocketProvider(syncUrl(), planId, doc, {
    params: identity ? { token, name, identity: identity.token } : { token, name },
    // 2.5–4 s ceiling, different per laptop: a room reconnects spread out, not in lockstep
    maxBackoffTime: 2500 + Math.floor(Math.random() * 1500),
    // stop where the same link would be refused again (CLOSE_REASONS); a full plan or a rate limit may pass later
    shouldReconnect: (event) => shouldRetryClose(event.code),
  });
  provider.messageHandlers[MESSAGE_UPDATE_REFUSED] = (_encoder, decoder) => {
    const { reason } = JSON.parse(decoding.readVarString(decoder)) as { reason: string };
    onRefused(reason);
  };
  provider.messageHandlers[MESSAGE_IDENTITY] = (_encoder, decoder) => {
    const issued = JSON.parse(decoding.readVarString(decoder)) as Identity;
    provider.params.identity = issued.token;
    if (issued.personId === identity?.personId) return;
    identity = issued;
    localStorage.setItem(identityKey(planId), JSON.stringify(issued));
    identityListeners.forEach((listener) => listener());
  };
  provider.awareness.setLocalStateField('user', { name, color: colorFor(doc.clientID), role });
  const localOrigin = { user: name };
  const undoManager = createUndoManager(doc, localOrigin);
  // A concurrent delete of a node and a new edge to it leaves an edge without an end: clean it up, untracked.
  const cleanupOrigin = { cleanup: true };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) queueMicrotask(() => removeDanglingEdges(doc, cleanupOrigin));
  };
  doc.on('update', onUpdate);
  return {
    planId,
    token,
    role,
    doc,
    provider,
    persistence,
    undoManager,
    localOrigin,
    identity: () => identity,
    onIdentity(listener) {
      identityListeners.add(listener);
      return () => identityListeners.delete(listener);
    },
    destroy() {
      doc.off('update', onUpdate);
      undoManager.destroy();
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}

/**
 * Asks the server to save an automatic version before the editor replaces the whole plan (a restore, an import),
 * so the facilitator can go back even after the undo history is gone. Offline the replace goes ahead without one.
 */
export async function saveVersionBeforeReplace(session: PlanSession, reason: 'restore' | 'import'): Promise<void> {
  try {
    await fetch(`/api/plans/${session.planId}/versions/auto?token=${encodeURIComponent(session.token)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }),
    });
  } catch {
    // offline: the replace is still one undoable step
  }
}
