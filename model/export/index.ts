/**
 * The exporters behind one call, `exportPlan`: it cleans the plan's text once and loads only the exporter of the
 * format asked for (a Markdown export does not load docx or exceljs). What a format is (content type, file name,
 * options, worker) is in the table in model/export/formats.ts; the server's render step (server/export-render.ts)
 * adds what only Node can draw (the Word figures, the status charts) and calls this.
 */
import type { PlanFile } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { fileStem } from './common.ts';
import type { DocxOptions } from './docx.ts';
import { EXPORT_FORMAT_TABLE, exportFileName, type ExportFormat, type ExportOptions } from './formats.ts';
import type { StatusReportOptions } from './statusrapport.ts';

export { EXPORT_FORMATS, EXPORT_FORMAT_TABLE, isExportFormat, readExportOptions, type ExportFormat, type ExportOptions } from './formats.ts';

export interface ExportedFile {
  data: Uint8Array;
  mimeType: string;
  fileName: string;
  /** what the file could not hold (Excel: texts longer than a cell), "where: what"; also said inside the file */
  notes?: string[];
}

/** The options and drawings an exporter may be given: the format's own options and what the server draws. */
export type ExportInput = ExportOptions & DocxOptions & StatusReportOptions;

type Exporter = (plan: PlanFile, options: ExportInput) => Promise<{ data: Uint8Array; notes?: string[] }>;

const text = (value: string) => ({ data: new TextEncoder().encode(value) });

/** Each format's exporter, loaded when it is first asked for. */
const EXPORTERS: Record<ExportFormat, Exporter> = {
  docx: async (plan, options) => ({ data: await (await import('./docx.ts')).exportDocx(plan, options) }),
  md: async (plan) => text((await import('./markdown.ts')).exportMarkdown(plan)),
  xlsx: async (plan) => {
    const workbook = await (await import('./xlsx.ts')).exportXlsxWithNotes(plan);
    return workbook.notes.length > 0 ? { data: workbook.data, notes: workbook.notes.map((n) => `${n.where}: ${n.message}`) } : { data: workbook.data };
  },
  csv: async (plan) => text((await import('./csv.ts')).exportMatrixCsv(plan)),
  json: async (plan) => text(`${JSON.stringify(plan, null, 2)}\n`),
  svg: async (plan) => text((await import('./svg.ts')).renderPlanSvg(plan).svg),
  statusrapport: async (plan, options) => ({ data: await (await import('./statusrapport.ts')).exportStatusReport(plan, options) }),
};

export async function exportPlan(stored: PlanFile, format: ExportFormat, options: ExportInput = {}): Promise<ExportedFile> {
  // text stored before the doors refused control characters is cleaned here, once: every format is well-formed and
  // a JSON export reads back in (the exporters' own cleaning finds the plan clean and returns it as it is)
  const plan = withCleanText(stored);
  const { data, notes } = await EXPORTERS[format](plan, options);
  const file: ExportedFile = { data, mimeType: EXPORT_FORMAT_TABLE[format].contentType, fileName: exportFileName(format, fileStem(plan), options) };
  return notes ? { ...file, notes } : file;
}
