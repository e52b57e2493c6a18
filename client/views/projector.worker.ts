/**
 * Draws the projector's picture (client/views/projectorDrawing.ts) off the main thread. Started by ProjectorMap as a
 * Vite module worker; answers each request with the same id (the page keeps only the newest answer).
 */
import type { LayoutOptions } from '../../model/layout.ts';
import type { Size } from '../../model/geometry.ts';
import type { PlanFile } from '../../model/schema.ts';
import { drawPlan, type Drawing } from './projectorDrawing.ts';

export interface DrawRequest { id: number; plan: PlanFile; sizes: Record<string, Size>; options: LayoutOptions; margin: number; aspect: number }
export type DrawResponse = { id: number; ok: true; drawing: Drawing } | { id: number; ok: false; error: string };

if ('WorkerGlobalScope' in globalThis) {
  const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<DrawRequest>) => void) | null; postMessage(message: DrawResponse): void };
  scope.onmessage = ({ data }) => {
    try {
      scope.postMessage({ id: data.id, ok: true, drawing: drawPlan(data.plan, data.sizes, data.options, data.margin, data.aspect) });
    } catch (error) {
      scope.postMessage({ id: data.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
