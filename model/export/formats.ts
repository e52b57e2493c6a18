/**
 * The export formats, in one table, apart from the exporters: who only checks a format's name or reads its options
 * (the server's route, the CLI's arguments, the worker) does not load docx, exceljs and the rest. Each format says
 * its content type, its file's name, the options it takes and whether the server renders it in a worker thread
 * (server/pool.ts); the one render step that the HTTP route, the worker and the CLI all call is `renderExport`
 * (server/export-render.ts), the exporters themselves are reached through `exportPlan` (model/export/index.ts).
 *
 * A new format: a row here (the compiler then asks for its exporter in model/export/index.ts). A new option: a row
 * in EXPORT_OPTIONS, and its name in the `options` of the formats that take it; the CLI's flag, the HTTP query
 * parameter and the worker's task follow from there.
 */

/** The options an export may take; which a format takes is in its row. */
export interface ExportOptions {
  /** the status report's year; the current year when absent */
  year?: number;
  /** the Word plan's chapter number for its indsatsområder: 5 gives "5.1 Indsatsområde", "5.1.1 Aktivitet" */
  section?: number;
  /** leave out the tool's own chapter (coverage and "Åbne fund") from the Word plan */
  planOnly?: boolean;
}
export type ExportOptionName = keyof ExportOptions;

interface OptionSpec<T> {
  /** the CLI's flag (`--year`); the HTTP query parameter is the option's own name (`year=2014`) */
  flag: string;
  /** a flag without a value (`--plan-only`) */
  bare?: boolean;
  /** for the CLI's usage line */
  usage: string;
  /** the value, or what it should be (in Danish, after the option's name: "skal være et årstal …") */
  read(raw: string | true): T | { error: string };
}

export const EXPORT_OPTIONS: { [K in ExportOptionName]-?: OptionSpec<NonNullable<ExportOptions[K]>> } = {
  year: {
    flag: 'year',
    usage: '[--year ÅR]',
    read: (raw) => (typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : { error: `skal være et årstal som 2014, ikke "${String(raw)}"` }),
  },
  section: {
    flag: 'section',
    usage: '[--section KAPITEL]',
    read: (raw) => (typeof raw === 'string' && /^\d{1,2}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : { error: `skal være et kapitelnummer som 5, ikke "${String(raw)}"` }),
  },
  planOnly: {
    flag: 'plan-only',
    bare: true,
    usage: '[--plan-only]',
    read: (raw) => {
      if (raw === true || ['1', 'true', 'ja', ''].includes(raw)) return true;
      if (['0', 'false', 'nej'].includes(raw)) return false;
      return { error: `skal være 1 eller 0, ikke "${raw}"` };
    },
  },
};

export interface ExportFormatSpec {
  contentType: string;
  /** the file's extension, without the dot */
  extension: string;
  /** what comes after the plan's file stem, before the extension ("-daekning", "-statusrapport-2014") */
  suffix?: (options: ExportOptions) => string;
  /** the options this format takes (others given are ignored) */
  options: readonly ExportOptionName[];
  /** the server renders it in a worker thread: it loads heavy libraries or lays out and rasterises figures */
  inWorker: boolean;
}

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `statusrapport` is the board's Word report of one year (spec section 5), `docx` the plan itself. */
export const EXPORT_FORMAT_TABLE = {
  docx: { contentType: WORD, extension: 'docx', options: ['section', 'planOnly'], inWorker: true },
  // text formats cost what GET /api/plans/:id costs (the plan read out of the doc, then a string): no worker
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', options: [], inWorker: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', options: [], inWorker: true },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', suffix: () => '-daekning', options: [], inWorker: false },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', options: [], inWorker: false },
  // the diagram is laid out and its text measured: a large plan takes a while
  svg: { contentType: 'image/svg+xml', extension: 'svg', options: [], inWorker: true },
  statusrapport: { contentType: WORD, extension: 'docx', suffix: (options) => `-statusrapport-${options.year ?? new Date().getFullYear()}`, options: ['year'], inWorker: true },
} as const satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMAT_TABLE;
export const EXPORT_FORMATS = Object.keys(EXPORT_FORMAT_TABLE) as ExportFormat[];

export function isExportFormat(value: string): value is ExportFormat {
  return Object.hasOwn(EXPORT_FORMAT_TABLE, value);
}

export function exportFormatSpec(format: ExportFormat): ExportFormatSpec {
  return EXPORT_FORMAT_TABLE[format];
}

/** The file's name: the plan's stem, the format's suffix, its extension. */
export function exportFileName(format: ExportFormat, stem: string, options: ExportOptions = {}): string {
  const spec = exportFormatSpec(format);
  return `${stem}${spec.suffix?.(options) ?? ''}.${spec.extension}`;
}

/**
 * Reads the options `format` takes from the CLI's flags (`from: 'cli'`, by flag) or the HTTP route's query (by
 * name) alike: `get` returns the raw value, `true` for a bare flag, nothing when absent. An error names the option
 * as the caller wrote it (`--year` or `year`).
 */
export function readExportOptions(format: ExportFormat, from: 'cli' | 'query', get: (key: string) => string | true | undefined | null): ExportOptions | { error: string } {
  const options: Record<string, unknown> = {};
  for (const name of exportFormatSpec(format).options) {
    const spec = EXPORT_OPTIONS[name];
    const key = from === 'cli' ? spec.flag : name;
    const raw = get(key);
    if (raw === undefined || raw === null) continue;
    const value = spec.read(raw);
    if (typeof value === 'object' && value !== null && 'error' in value) return { error: `${from === 'cli' ? '--' : ''}${key} ${value.error}` };
    options[name] = value;
  }
  return options as ExportOptions;
}

