/**
 * Runs the auto-layout (model/layout.ts) off the main thread, so that laying out a large plan does not
 * freeze the canvas. Started by client/layoutClient.ts as a Vite module worker:
 * `new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })`.
 *
 * Protocol: the page posts a LayoutRequest, the worker answers with a LayoutResponse of the same id.
 */
import { computeLayout, type LayoutOptions, type LayoutResult } from '../model/layout.ts';
import type { PlanFile } from '../model/schema.ts';

export interface LayoutRequest {
  id: number;
  plan: PlanFile;
  options?: LayoutOptions;
}

export type LayoutResponse = { id: number; ok: true; result: LayoutResult } | { id: number; ok: false; error: string };

export function handleLayoutRequest(request: LayoutRequest): LayoutResponse {
  try {
    return { id: request.id, ok: true, result: computeLayout(request.plan, request.options) };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

// Only wire up messages inside a worker; importing this file elsewhere (tests) just gives the handler.
if ('WorkerGlobalScope' in globalThis) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => scope.postMessage(handleLayoutRequest(event.data));
}
