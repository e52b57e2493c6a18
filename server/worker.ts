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
import { computePortfolio, type PlanSummaryCache, type PortfolioComputed } from '../model/portfolio-view.ts';
import type { PlanSummary } from '../model/portfolio.ts';
import type { PlanFile } from '../model/schema.ts';

export type WorkerTask =
  | PortfolioExportTask
  | { task: 'readPlan'; text: string; maxBytes: number }
  | { task: 'export'; state: Uint8Array; format: ExportFormat; options: ExportOptions }
  | { task: 'syncReply'; state: Uint8Array; stateVector: Uint8Array }
  | { task: 'fold'; updates: Uint8Array[] }
  | { task: 'portfolio'; plans: PortfolioPlanState[]; year: number | null };

export type ReadPlanResult = { ok: true; state: Uint8Array; nodes: number } | { ok: false; problems: FileProblem[] };
export interface ExportResult { data: Uint8Array; mimeType: string; fileName: string }

/** One plan of a portfolio as stored: its id and its updates (a snapshot and the log after it, or one state). */
export interface PortfolioPlanState {
  id: string;
  /** the plan's last committed sequence number: the same version is the same content */
  version: number;
  updates: Uint8Array[];
}

/**
 * What this thread read of portfolio plans, by plan and version: a live portfolio recomputes after every edit of
 * one of its plans, and reading and summarising the other 49 again would cost seconds. Bounded; oldest out first.
 */
const PLAN_CACHE_SIZE = 400;
const planCache = new Map<string, { version: number; plan: PlanFile; summaries: Map<number, PlanSummary> }>();

function portfolioPlan({ id, version, updates }: PortfolioPlanState): PlanFile {
  const known = planCache.get(id);
  if (known && known.version === version) return known.plan;
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((update) => Y.applyUpdate(doc, update)));
  const plan = docToPlan(doc);
  doc.destroy();
  planCache.delete(id);
  planCache.set(id, { version, plan, summaries: new Map() });
  if (planCache.size > PLAN_CACHE_SIZE) planCache.delete(planCache.keys().next().value!);
  return plan;
}

/** A plan's summary for a year, kept with the plan read above (the same plan object is the same version). */
const summaryCache: PlanSummaryCache = (entry, year, compute) => {
  const known = planCache.get(entry.id);
  if (!known || known.plan !== entry.plan) return compute();
  let summary = known.summaries.get(year);
  if (!summary) known.summaries.set(year, (summary = compute()));
  return summary;
};

export type WorkerResult = ReadPlanResult | ExportResult | Uint8Array | PortfolioComputed;

/**
 * A portfolio's Word or Excel file (server/render-portfolio.ts). Each plan as stored, with the id it has in the
 * portfolio: its updates (a snapshot and the log after it, or one state), applied in one transaction.
 */
export interface PortfolioExportTask {
  task: 'portfolioExport';
  plans: Array<{ id: string; updates: Uint8Array[] }>;
  format: import('../model/export/portfolio-formats.ts').PortfolioExport;
  year: number;
  title?: string | undefined;
}

async function exportPortfolioTask(input: PortfolioExportTask): Promise<ExportResult> {
  const { exportPortfolio } = await import('./render-portfolio.ts');
  const entries = input.plans.map(({ id, updates }) => {
    const doc = new Y.Doc();
    doc.transact(() => updates.forEach((update) => Y.applyUpdate(doc, update)));
    const plan = docToPlan(doc);
    doc.destroy();
    return { id, plan };
  });
  const file = await exportPortfolio(entries, input.format, { year: input.year, ...(input.title ? { title: input.title } : {}) });
  return { data: file.data, mimeType: file.mimeType, fileName: file.fileName };
}

export default async function run(input: WorkerTask): Promise<WorkerResult> {
  switch (input.task) {
    case 'portfolioExport':
      return exportPortfolioTask(input);
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
    case 'portfolio':
      return computePortfolio(input.plans.map((state) => ({ id: state.id, plan: portfolioPlan(state) })), input.year, new Date(), summaryCache);
  }
}
