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

/**
 * The options an export takes, read in one place from the CLI's flags and the HTTP route's query alike
 * (`--year 2014` / `year=2014`, `--section 5` / `section=5`, `--plan-only` / `planOnly=1`).
 */
export interface ExportOptions {
  /** the status report's year */
  year?: number;
  /** the Word plan's chapter number for its indsatsområder: 5 gives "5.1 Indsatsområde", "5.1.1 Aktivitet" */
  section?: number;
  /** leave out the tool's own chapter (coverage and "Åbne fund") from the Word plan and Markdown */
  planOnly?: boolean;
}

/** Reads the options by name (`get` returns the raw value, `true` for a bare flag); an error names the option. */
export function readExportOptions(get: (name: 'year' | 'section' | 'planOnly') => string | true | undefined | null): ExportOptions | { error: string } {
  const options: ExportOptions = {};
  const year = get('year');
  if (year !== undefined && year !== null) {
    if (typeof year !== 'string' || !/^\d{4}$/.test(year)) return { error: `year skal være et årstal som 2014, ikke "${String(year)}"` };
    options.year = Number(year);
  }
  const section = get('section');
  if (section !== undefined && section !== null) {
    if (typeof section !== 'string' || !/^\d{1,2}$/.test(section) || Number(section) < 1) return { error: `section skal være et kapitelnummer som 5, ikke "${String(section)}"` };
    options.section = Number(section);
  }
  const planOnly = get('planOnly');
  if (planOnly !== undefined && planOnly !== null) {
    if (planOnly === true || ['1', 'true', 'ja', ''].includes(planOnly)) options.planOnly = true;
    else if (['0', 'false', 'nej'].includes(planOnly)) options.planOnly = false;
    else return { error: `planOnly skal være 1 eller 0, ikke "${planOnly}"` };
  }
  return options;
}
