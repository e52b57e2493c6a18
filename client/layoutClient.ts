/**
 * Auto-layout for the canvas: `runLayout(plan)` gives every node a position. Small plans are laid out
 * inline (a worker round trip costs more than the layout); large ones in client/layout.worker.ts so the
 * page stays responsive. If a worker cannot be started or fails, the layout runs inline instead.
 *
 * `layoutDoc(doc, origin)` lays out the shared plan and writes all positions in one transaction, so that
 * a layout is one undoable step that everyone sees.
 */
import type * as Y from 'yjs';
import { computeLayout, type LayoutOptions, type LayoutResult, type Point } from '../model/layout.ts';
import type { PlanFile } from '../model/schema.ts';
import { docToPlan, setNodePositions } from '../model/ydoc.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

/** From this many nodes on, the layout runs in the worker. */
export const WORKER_THRESHOLD = 150;

export interface RunLayoutOptions extends LayoutOptions {
  /** Override WORKER_THRESHOLD (0: always the worker; Infinity: always inline). */
  workerThreshold?: number;
}

interface PendingRequest {
  request: LayoutRequest;
  resolve(result: LayoutResult): void;
  reject(error: Error): void;
}

let worker: Worker | null | undefined; // undefined: not tried yet; null: unavailable here
const pending = new Map<number, PendingRequest>();
let nextRequestId = 1;

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    const started = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<LayoutResponse>) => settle(event.data);
    started.onerror = () => abandonWorker(started);
    worker = started;
  } catch {
    worker = null;
  }
  return worker;
}

/** True while a layout worker is running (it is started by the first large layout). */
export function isLayoutWorkerActive(): boolean {
  return worker !== undefined && worker !== null;
}

function settle(response: LayoutResponse): void {
  const request = pending.get(response.id);
  if (!request) return;
  pending.delete(response.id);
  if (response.ok) request.resolve(response.result);
  else request.reject(new Error(`Automatisk layout mislykkedes: ${response.error}`));
}

/** The worker broke (failed to load or crashed): finish what it had inline and stop using it. */
function abandonWorker(broken: Worker): void {
  broken.terminate();
  worker = null;
  for (const [id, { request, resolve, reject }] of pending) {
    pending.delete(id);
    try {
      resolve(computeLayout(request.plan, request.options));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function layoutInWorker(target: Worker, plan: PlanFile, options: LayoutOptions): Promise<LayoutResult> {
  return new Promise((resolve, reject) => {
    const request: LayoutRequest = { id: nextRequestId++, plan, options };
    pending.set(request.id, { request, resolve, reject });
    target.postMessage(request);
  });
}

/** Positions and lane bands for the plan, computed in the worker for large plans. */
export async function runFullLayout(plan: PlanFile, options: RunLayoutOptions = {}): Promise<LayoutResult> {
  const { workerThreshold = WORKER_THRESHOLD, ...layoutOptions } = options;
  const target = plan.nodes.length >= workerThreshold ? layoutWorker() : null;
  if (!target) return computeLayout(plan, layoutOptions);
  return layoutInWorker(target, plan, layoutOptions);
}

/** Positions (top-left corners) for every node of the plan. */
export async function runLayout(plan: PlanFile, options: RunLayoutOptions = {}): Promise<Record<string, Point>> {
  return (await runFullLayout(plan, options)).positions;
}

/** Lays out the shared plan and moves every node in one transaction: one undo step for `origin`. */
export async function layoutDoc(doc: Y.Doc, origin: unknown, options: RunLayoutOptions = {}): Promise<Record<string, Point>> {
  const positions = await runLayout(docToPlan(doc), options);
  setNodePositions(doc, positions, origin);
  return positions;
}
