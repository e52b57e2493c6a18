/** One entry for every export format; the CLI, the server and the editor all call this. */
import type { PlanFile } from '../schema.ts';
import { fileStem } from './common.ts';
import { exportMatrixCsv } from './csv.ts';
import { exportDocx, type DocxOptions } from './docx.ts';
import { exportMarkdown } from './markdown.ts';
import { exportStatusReport, type StatusReportOptions } from './statusrapport.ts';
import { renderPlanSvg } from './svg.ts';
import { exportXlsxWithNotes } from './xlsx.ts';
import { withCleanText } from '../values.ts';

import type { ExportFormat } from './formats.ts';

export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from './formats.ts';

export interface ExportedFile {
  data: Uint8Array;
  mimeType: string;
  fileName: string;
  /** what the file could not hold (Excel: texts longer than a cell), "where: what"; also said inside the file */
  notes?: string[];
}

const MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  statusrapport: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const text = (value: string) => new TextEncoder().encode(value);

export async function exportPlan(stored: PlanFile, format: ExportFormat, options: DocxOptions & StatusReportOptions = {}): Promise<ExportedFile> {
  // text stored before the doors refused control characters is cleaned here, so every format is well-formed
  // and a JSON export reads back in
  const plan = withCleanText(stored);
  const stem = fileStem(plan);
  let notes: string[] | undefined;
  const data = await ({
    docx: () => exportDocx(plan, options),
    md: async () => text(exportMarkdown(plan)),
    xlsx: async () => {
      const workbook = await exportXlsxWithNotes(plan);
      if (workbook.notes.length > 0) notes = workbook.notes.map((n) => `${n.where}: ${n.message}`);
      return workbook.data;
    },
    csv: async () => text(exportMatrixCsv(plan)),
    json: async () => text(`${JSON.stringify(plan, null, 2)}\n`),
    svg: async () => text(renderPlanSvg(plan).svg),
    statusrapport: () => exportStatusReport(plan, options),
  })[format]();
  if (format === 'statusrapport') {
    return { data, mimeType: MIME[format], fileName: `${stem}-statusrapport-${options.year ?? new Date().getFullYear()}.docx` };
  }
  return { data, mimeType: MIME[format], fileName: `${stem}${format === 'csv' ? '-daekning' : ''}.${format}`, ...(notes ? { notes } : {}) };
}
