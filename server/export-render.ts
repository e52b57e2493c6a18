/**
 * The one render step of an export, which the HTTP route (for a format that renders on the main thread), the worker
 * (server/worker.ts) and the CLI (`forandringskort export`) all call: the plan's text cleaned once, what only Node
 * draws added for the formats that show it (the Word plan's figures, server/render.ts; the status report's charts,
 * server/render-chart.ts; each loaded only for its format), then the format's exporter (model/export/index.ts).
 */
import { exportPlan, type ExportedFile, type ExportInput } from '../model/export/index.ts';
import type { ExportFormat, ExportOptions } from '../model/export/formats.ts';
import type { PlanFile } from '../model/schema.ts';
import { withCleanText } from '../model/values.ts';

/** What the server draws for a format, beyond the format's own options. */
const DRAWINGS: Partial<Record<ExportFormat, (plan: PlanFile, options: ExportOptions) => Promise<ExportInput>>> = {
  docx: async (plan) => (await import('./render.ts')).diagramForDocx(plan),
  statusrapport: async (_plan, options) =>
    (await import('./render-chart.ts')).statusReportOptions(options.year ?? new Date().getFullYear()),
};

export async function renderExport(
  stored: PlanFile,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const plan = withCleanText(stored);
  const drawings = (await DRAWINGS[format]?.(plan, options)) ?? {};
  return exportPlan(plan, format, { ...options, ...drawings });
}
