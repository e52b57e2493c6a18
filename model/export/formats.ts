/**
 * The export formats' names, apart from the exporters: who only checks a format's name (the server's routes, the
 * CLI's arguments) does not load docx, exceljs and the rest.
 */

/** `statusrapport` is the board's Word report of one year (spec section 5), `docx` the plan itself. */
export const EXPORT_FORMATS = ['docx', 'md', 'xlsx', 'csv', 'json', 'svg', 'statusrapport'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
