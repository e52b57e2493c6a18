/**
 * Heavy work that must not block the event loop, run in worker threads (server/pool.ts): reading and validating a
 * plan file, rendering an export, and cutting a sync reply out of a large plan state. Each task takes and returns
 * plain data (Uint8Array, strings), so nothing but bytes crosses the thread boundary.
 */
import * as Y from 'yjs';
import type { ExportFormat, ExportOptions } from '../model/export/formats.ts';
import { readPlanText, type FileProblem } from '../model/schema.ts';
import { docToPlan, planToDoc } from '../model/ydoc.ts';
import { foldUpdates } from './fold.ts';

export type WorkerTask =
  | { task: 'readPlan'; text: string; maxBytes: number }
  | { task: 'export'; state: Uint8Array; format: ExportFormat; options: ExportOptions }
  | { task: 'syncReply'; state: Uint8Array; stateVector: Uint8Array }
  | { task: 'fold'; updates: Uint8Array[] };

export type ReadPlanResult = { ok: true; state: Uint8Array; nodes: number } | { ok: false; problems: FileProblem[] };
export interface ExportResult { data: Uint8Array; mimeType: string; fileName: string }

export type WorkerResult = ReadPlanResult | ExportResult | Uint8Array;

export default async function run(input: WorkerTask): Promise<WorkerResult> {
  switch (input.task) {
    case 'readPlan': {
      const result = readPlanText(input.text, { maxBytes: input.maxBytes });
      if (!result.ok) return { ok: false, problems: result.problems };
      const doc = planToDoc(result.plan);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return { ok: true, state, nodes: result.plan.nodes.length };
    }
    case 'export': {
      // the exporters (docx, exceljs, echarts, resvg) take a second or more to load: a thread loads the one asked for
      // with its first export, not when it starts, so the first plan created on a fresh server does not wait for them
      const { renderExport } = await import('./export-render.ts');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, input.state);
      const plan = docToPlan(doc);
      doc.destroy();
      const file = await renderExport(plan, input.format, input.options);
      return { data: file.data, mimeType: file.mimeType, fileName: file.fileName };
    }
    case 'syncReply':
      return Y.diffUpdate(input.state, input.stateVector);
    case 'fold':
      return foldUpdates(input.updates);
  }
}
