/**
 * Clients and checks for the cluster tests (test/integration/cluster-*.test.ts): the stock y-websocket provider on
 * one instance or behind a proxy, cards written one transaction each, and what Postgres holds for a plan.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addNode } from '../../model/ydoc.ts';
import type { PlanNode } from '../../model/schema.ts';
import { createPostgresStorage, type Storage } from '../../server/storage/index.ts';
import { smallPlan, until } from './handmade.ts';
import { tokenOf } from './server.ts';

export { until };

export interface ClusterClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** the ids of the cards the client's doc holds */
  cards(): Set<string>;
  /** the names of the other people the client sees in the plan */
  people(): string[];
}

const open: WebsocketProvider[] = [];

/** A plan created through `baseUrl`; returns its id and participant link. */
export async function createPlan(baseUrl: string): Promise<{ id: string; participant: string }> {
  const res = await fetch(`${baseUrl}/api/plans`, { method: 'POST', body: JSON.stringify(smallPlan), headers: { 'content-type': 'application/json' } });
  if (res.status !== 201) throw new Error(`createPlan: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; links: { participant: string } };
  return { id: body.id, participant: body.links.participant };
}

/** The stock provider on `port` (an instance or a proxy); it reconnects by itself as a browser's would. */
export function connect(port: number, planId: string, link: string, name: string): ClusterClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, planId, doc, {
    params: { token: tokenOf(link), name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  provider.awareness.setLocalState({ cursor: { x: 1, y: 2 } });
  open.push(provider);
  return {
    doc,
    provider,
    cards: () => new Set([...doc.getMap('nodes').keys()].filter((id) => id.startsWith('kort-'))),
    people: () => [...provider.awareness.getStates().entries()]
      .filter(([id]) => id !== doc.clientID)
      .map(([, state]) => (state as { user?: { name?: string } }).user?.name ?? '?'),
  };
}

/** Anna on the first instance and Bo on the second, both synced with the plan. */
export async function annaAndBo(ports: number[], plan: { id: string; participant: string }): Promise<[ClusterClient, ClusterClient]> {
  const anna = connect(ports[0]!, plan.id, plan.participant, 'Anna');
  const bo = connect(ports[1]!, plan.id, plan.participant, 'Bo');
  await synced(anna, bo);
  return [anna, bo];
}

export function disconnectAll(): void {
  for (const provider of open.splice(0)) {
    provider.destroy();
    provider.doc.destroy();
  }
}

export async function synced(...clients: ClusterClient[]): Promise<void> {
  await until(() => clients.every((c) => c.provider.synced), 'clients synced');
}

/** Adds the card `kort-<n>` in a transaction of its own (one update on the wire). */
export function addCard(client: ClusterClient, n: number): void {
  addNode(client.doc, { id: `kort-${n}`, kind: 'aktivitet', title: `Kort ${n}` } as PlanNode);
}

/** The card ids Postgres holds for the plan (snapshot and log folded), read through the store itself. */
export async function storedCards(databaseUrl: string, planId: string): Promise<Set<string>> {
  const storage = await createPostgresStorage(databaseUrl, { poolSize: 1 });
  try {
    return await cardsIn(storage, planId);
  } finally {
    await storage.close();
  }
}

export async function cardsIn(storage: Storage, planId: string): Promise<Set<string>> {
  const stored = await storage.updates.load(planId);
  const doc = new Y.Doc();
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return new Set([...doc.getMap('nodes').keys()].filter((id) => id.startsWith('kort-')));
}

export function missing(expected: Iterable<string>, actual: Set<string>): string[] {
  return [...expected].filter((id) => !actual.has(id));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
