/**
 * The spreadsheet a steering group reads, and the layout plans kept in Excel come in by.
 *
 * Sheets to read (protected, with a line saying so; the import does not read them): Aktiviteter, Indikatorer,
 * Dækning (the matrix), Fund (the check's findings). They are computed from several nodes and edges at once
 * (the goals an activity reaches, the number of indicators, the matrix), so an edit there has no one place to go:
 * the plan is edited in the sheets below, and only there.
 *
 * Sheets that carry the whole plan and import back: Plan (Felt, Værdi), Indsatsområder, Noder, Kanter (Danish
 * headers and values: Type "Mål", Eksternt mål "ja"; the importer also takes the file format's keys and values,
 * `kind`, `maal`, `true`, so older files still import), Opfølgning (xlsx-followup.ts: the yearly milestones and the
 * counted measurement of each year) and Fremdrift (each node's `statusLog`, one row per judgement). Lists are one
 * item per line in a cell; measurements are "YYYY-MM-DD: value" lines; dates are date cells (dd.mm.yyyy).
 *
 * Nothing is left out: what no column shows exactly (keys unknown to the format, empty lists and texts, notes and
 * sources of measurements, yearly milestones, list items with line breaks or edge spaces) goes into the row's
 * column "Øvrige felter (JSON)". On import a key of that column is taken as written there as long as the columns
 * that show the key still show what the export wrote; a key whose cells were edited is taken from the cells.
 * So json → xlsx → json gives the same plan. Only what cannot fit in a cell (Excel's 32,767 characters) is cut,
 * and the sheet "Om filen" lists it.
 */
import ExcelJS from 'exceljs';
import { parseDanishNumber } from '../format.ts';
import { checkPlan } from '../rules.ts';
import { validatePlan, type FileProblem, type PlanFile } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { asStored, columnLetter, MAX_CELL_CHARS, readCell, setDateCell, setTextCell } from './cells.ts';
import { activityStories, anchoringText, indicatorRange, KIND_DA, STATUS_DA } from './common.ts';
import { followUpSheet, readFollowUpSheet } from './xlsx-followup.ts';

export type ColumnType = 'string' | 'number' | 'int' | 'boolean' | 'lines' | 'measurements' | 'enum' | 'date';
export interface Column {
  /** the file format's key (a path: `anchoring.strategy`); older exports used it as the header */
  key: string;
  /** the Danish header */
  header: string;
  type: ColumnType;
  /** enum: the file's value → the Danish word shown */
  values?: Readonly<Record<string, string>>;
}

const col = (key: string, header: string, type: ColumnType = 'string', values?: Record<string, string>): Column => ({ key, header, type, ...(values ? { values } : {}) });

export const STATUS_WORDS = { groen: 'Grøn', gul: 'Gul', roed: 'Rød' };
const HORIZON_WORDS = { kort: 'Kort', lang: 'Lang' };
const STRATEGY_WORDS = { frivillige: 'Frivillige', beboeransatte: 'Beboeransatte', partnerskab: 'Partnerskab', kommunal: 'Kommunal', ingen: 'Ingen' };
const DIRECTION_WORDS = { op: 'Op', ned: 'Ned' };
const EDGE_KIND_WORDS = { 'leder-til': 'Leder til', 'bidrager-til': 'Bidrager til', 'maales-ved': 'Måles ved' };

/** The row's column for what no other column shows exactly (see the header comment). */
export const EXTRA = col('~extra', 'Øvrige felter (JSON)');

export const NODE_COLUMNS: Column[] = [
  col('id', 'Id'), col('kind', 'Type', 'enum', KIND_DA), col('title', 'Titel'), col('focusArea', 'Indsatsområde (id)'),
  col('description', 'Beskrivelse'), col('targetGroup', 'Målgruppe'), col('responsible', 'Ansvarlig'),
  col('partners', 'Samarbejdspartnere', 'lines'), col('resources', 'Medarbejderressourcer'), col('localEvaluation', 'Lokal evaluering'),
  col('anchoring.strategy', 'Forankring', 'enum', STRATEGY_WORDS), col('anchoring.partner', 'Forankringspartner'), col('anchoring.note', 'Forankringsnote'),
  col('status', 'Fremdrift', 'enum', STATUS_WORDS), col('horizon', 'Tidshorisont', 'enum', HORIZON_WORDS), col('external', 'Eksternt mål', 'boolean'),
  col('unit', 'Enhed'), col('baseline.value', 'Udgangspunkt', 'number'), col('baseline.year', 'Udgangsår', 'int'),
  col('target.value', 'Målværdi', 'number'), col('target.year', 'Målår', 'int'), col('source', 'Datakilde'), col('frequency', 'Hyppighed'),
  col('measurements', 'Målinger', 'measurements'), col('direction', 'Retning', 'enum', DIRECTION_WORDS),
  col('code', 'Kode (fælles indikator)'),
  col('position.x', 'Position x', 'number'), col('position.y', 'Position y', 'number'), EXTRA,
];
export const EDGE_COLUMNS: Column[] = [
  col('id', 'Id'), col('from', 'Fra (id)'), col('to', 'Til (id)'), col('kind', 'Type', 'enum', EDGE_KIND_WORDS),
  col('rationale', 'Begrundelse'), col('assumptions', 'Antagelser', 'lines'), EXTRA,
];
export const FOCUS_AREA_COLUMNS: Column[] = [
  col('id', 'Id'), col('title', 'Titel'), col('purpose', 'Formål', 'lines'), col('problem', 'Problemkompleks'), EXTRA,
];
const PLAN_FIELDS: Column[] = [
  col('title', 'Titel'), col('organisation', 'Organisation'), col('area', 'Område'),
  col('period.from', 'Periode fra', 'int'), col('period.to', 'Periode til', 'int'), col('vision', 'Vision'), EXTRA,
];
/** Fremdrift: one row per judgement in a node's `statusLog`, in the node's order. */
const STATUS_LOG_COLUMNS: Column[] = [
  col('node', 'Node-id'), col('title', 'Node'), col('date', 'Dato', 'date'), col('status', 'Fremdrift', 'enum', STATUS_WORDS),
  col('note', 'Note'), col('by', 'Af'), EXTRA,
];

export const SHEETS = {
  about: 'Om filen', activities: 'Aktiviteter', indicators: 'Indikatorer', coverage: 'Dækning', findings: 'Fund', statusLog: 'Fremdrift',
  plan: 'Plan', focusAreas: 'Indsatsområder', nodes: 'Noder', edges: 'Kanter',
} as const;
const IMPORTED_SHEETS = `${SHEETS.plan}, ${SHEETS.focusAreas}, ${SHEETS.nodes}, ${SHEETS.edges}, Opfølgning og ${SHEETS.statusLog}`;

// ---------------------------------------------------------------------------------------------------------
// Values ↔ cells

function getPath(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), object);
}

/** Sets a key as an own property (also `__proto__`, which a plain assignment would take as the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) setOwn(target, key, {});
    target = target[key] as Record<string, unknown>;
  }
  setOwn(target, keys[keys.length - 1]!, value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => deepEqual(item, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What a value becomes in a cell: text, a number, a date, or nothing. */
type Encoded = { text: string } | { number: number } | { date: string } | null;

function numberText(n: number): string {
  return String(n);
}

export function encode(value: unknown, column: Column): Encoded {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'number': case 'int':
      return typeof value === 'number' ? { number: value } : { text: String(value) };
    case 'boolean':
      return typeof value === 'boolean' ? { text: value ? 'ja' : 'nej' } : { text: String(value) };
    case 'enum':
      return { text: column.values?.[String(value)] ?? String(value) };
    case 'lines':
      return Array.isArray(value) ? { text: value.map(String).join('\n') } : { text: String(value) };
    case 'measurements':
      return Array.isArray(value) ? { text: (value as { date: unknown; value: unknown }[]).map((m) => `${String(m?.date)}: ${typeof m?.value === 'number' ? numberText(m.value) : String(m?.value)}`).join('\n') } : { text: String(value) };
    case 'date':
      return { date: String(value) };
    default:
      return typeof value === 'string' ? { text: value } : { text: JSON.stringify(value) };
  }
}

/** The value read back from an encoded cell without a workbook: what the importer would make of it, or `failed`. */
function decodeEncoded(cell: Encoded, column: Column): { value: unknown } | { failed: true } {
  const raw = cell === null ? undefined : 'text' in cell ? asStored(cell.text) : 'number' in cell ? cell.number : cell.date;
  const problems: string[] = [];
  const value = convert(raw, column, (message) => problems.push(message));
  return problems.length > 0 ? { failed: true } : { value };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DANISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** "2014-06-30" or "30.06.2014" (also 30.6.2014) as "2014-06-30"; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = ISO_DATE.exec(t);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const da = DANISH_DATE.exec(t);
  if (da) return realDate(Number(da[3]), Number(da[2]), Number(da[1]));
  return null;
}

const normal = (text: string) => text.trim().toLowerCase();

/** A read cell value as the column's type; a value that does not fit calls `problem` and gives undefined. */
function convert(raw: unknown, column: Column, problem: (message: string) => void): unknown {
  if (raw === undefined || raw === '') return undefined;
  const fail = (message: string) => {
    problem(message);
    return undefined;
  };
  switch (column.type) {
    case 'string':
      return typeof raw === 'boolean' ? (raw ? 'ja' : 'nej') : String(raw);
    case 'number': {
      if (typeof raw === 'number') return raw;
      const text = String(raw).trim();
      const parsed = parseDanishNumber(text);
      if (parsed.ok && parsed.value !== null) return parsed.value;
      // what the format itself writes ("-1e-7", "12.5" from a script) is a number too
      if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return Number(text);
      return fail(`forventede et tal, fik "${String(raw)}"`);
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(String(raw)) ? Number(String(raw)) : NaN;
      return Number.isInteger(n) ? n : fail(`forventede et heltal (fx et årstal), fik "${String(raw)}"`);
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (/^(ja|sand|true|1)$/i.test(String(raw).trim())) return true;
      if (/^(nej|falsk|false|0)$/i.test(String(raw).trim())) return false;
      return fail(`forventede ja eller nej, fik "${String(raw)}"`);
    case 'enum': {
      const text = normal(String(raw));
      for (const [code, word] of Object.entries(column.values ?? {})) if (normal(code) === text || normal(word) === text) return code;
      return fail(`forventede en af ${Object.values(column.values ?? {}).join(', ')}, fik "${String(raw)}"`);
    }
    case 'lines':
      return String(raw).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    case 'measurements':
      return String(raw).split(/\r?\n/).filter((s) => s.trim()).map((line) => {
        const match = /^\s*(\d{4}-\d{2}-\d{2})\s*:\s*(-?[\d.,]+(?:e[+-]?\d+)?)\s*$/i.exec(line);
        const value = match ? (/e/i.test(match[2]!) || !match[2]!.includes(',') ? Number(match[2]!) : Number(match[2]!.replace(/\./g, '').replace(',', '.'))) : NaN;
        if (!match || !Number.isFinite(value)) return fail(`forventede linjer som "2013-06-30: 31", fik "${line}"`);
        return { date: match[1]!, value };
      }).filter(Boolean);
    case 'date': {
      const date = parseDate(String(raw));
      return date ?? fail(`forventede en dato som 30.06.2014, fik "${String(raw)}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** What the workbook could not hold, said on the sheet "Om filen" (and returned to the caller). */
export interface XlsxNote { where: string; message: string }

class Writer {
  readonly notes: XlsxNote[] = [];
  constructor(readonly workbook: ExcelJS.Workbook) {}

  /** Writes one encoded value; a text longer than a cell holds is cut and noted. */
  put(sheet: ExcelJS.Worksheet, row: number, column: number, value: Encoded, what: string): void {
    if (value === null) return;
    const cell = sheet.getRow(row).getCell(column);
    if ('number' in value) cell.value = value.number;
    else if ('date' in value) setDateCell(cell, value.date);
    else if (value.text.length > MAX_CELL_CHARS) {
      setTextCell(cell, `${value.text.slice(0, MAX_CELL_CHARS - 1)}…`);
      this.notes.push({ where: `${sheet.name}!${columnLetter(column)}${row}`, message: `${what} er ${value.text.length.toLocaleString('da-DK')} tegn og er afkortet til de ${MAX_CELL_CHARS.toLocaleString('da-DK')}, en celle kan rumme` });
    } else setTextCell(cell, value.text);
  }
}

/**
 * The cells of one record and its extra column: each column's cell, and the keys whose value the cells (and, with
 * `shownElsewhere`, other sheets) do not show exactly.
 */
function recordCells(record: Record<string, unknown>, columns: Column[], shownElsewhere: Record<string, unknown> = {}): { cells: Encoded[]; extra: Record<string, unknown> } {
  const shown: Record<string, unknown> = { ...shownElsewhere };
  const cells = columns.map((column) => {
    if (column === EXTRA) return null;
    const encoded = encode(getPath(record, column.key), column);
    const back = decodeEncoded(encoded, column);
    if ('failed' in back) return null; // the importer would refuse it: the extra column carries it alone
    if (back.value !== undefined) setPath(shown, column.key, back.value);
    return encoded;
  });
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!deepEqual(shown[key], record[key])) setOwn(extra, key, record[key]);
  return { cells, extra };
}

function extraCell(extra: Record<string, unknown>, writer: Writer, where: string): Encoded {
  if (Object.keys(extra).length === 0) return null;
  const json = JSON.stringify(extra);
  if (json.length <= MAX_CELL_CHARS) return { text: json };
  writer.notes.push({ where, message: `${EXTRA.header} (${Object.keys(extra).join(', ')}) fylder ${json.length.toLocaleString('da-DK')} tegn, mere end en celle kan rumme, og er udeladt` });
  return null;
}

function dataSheet(writer: Writer, name: string, columns: Column[], records: Record<string, unknown>[], label: (record: Record<string, unknown>) => string, elsewhere?: (record: Record<string, unknown>) => Record<string, unknown>): ExcelJS.Worksheet {
  const sheet = writer.workbook.addWorksheet(name);
  sheet.addRow(columns.map((c) => c.header));
  records.forEach((record, index) => {
    const row = index + 2;
    const { cells, extra } = recordCells(record, columns, elsewhere?.(record));
    columns.forEach((column, i) => {
      const value = column === EXTRA ? extraCell(extra, writer, `${name}!${columnLetter(i + 1)}${row}`) : cells[i]!;
      writer.put(sheet, row, i + 1, value, `${column.header} for ${label(record)}`);
    });
  });
  finishSheet(sheet, 1);
  return sheet;
}

/** Header style, frozen header, column widths from content, wrapped text, and printing: A4 landscape, fit to width. */
export function finishSheet(sheet: ExcelJS.Worksheet, headerRow = 1): void {
  const header = sheet.getRow(headerRow);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF0' } };
  header.alignment = { vertical: 'bottom', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  const widths: number[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < headerRow) return;
    row.eachCell((cell, column) => {
      const v = cell.value;
      const text = v instanceof Date ? '00.00.0000' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : typeof v === 'string' ? v : '';
      const longest = Math.max(0, ...text.split('\n').map((line) => line.length));
      widths[column] = Math.max(widths[column] ?? 0, rowNumber === headerRow ? Math.min(longest, 24) : longest);
      if (rowNumber > headerRow && typeof v === 'string' && (v.includes('\n') || v.length > 58)) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  widths.forEach((width, column) => {
    if (width !== undefined) sheet.getColumn(column).width = Math.min(60, Math.max(8, width + 2));
  });
  // a row is as tall as its most wrapped cell (no spreadsheet sizes rows of a file it opens): lines × 15 pt
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    let lines = 1;
    row.eachCell((cell, column) => {
      if (typeof cell.value !== 'string') return;
      const width = Math.max(4, (sheet.getColumn(column).width ?? 10) - 2);
      lines = Math.max(lines, cell.value.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / width)), 0));
    });
    if (lines > 1) row.height = Math.min(409, lines * 15);
  });
  sheet.pageSetup = {
    ...sheet.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `1:${headerRow}`, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: `&L${sheet.name}&RSide &P af &N` };
}

const READ_ONLY_NOTE = `Kun til læsning: arket er regnet ud fra planen og bliver ikke importeret. Ret planen i arkene ${IMPORTED_SHEETS}. (Arket er beskyttet uden adgangskode.)`;

/** A sheet to read: the note in row 1, the header in row 2, the rows below. */
function viewSheet(writer: Writer, name: string, headers: string[], rows: unknown[][]): ExcelJS.Worksheet {
  const sheet = writer.workbook.addWorksheet(name);
  sheet.getCell('A1').value = READ_ONLY_NOTE;
  sheet.getCell('A1').font = { italic: true, color: { argb: 'FF5B6675' } };
  sheet.addRow(headers);
  rows.forEach((values, index) => {
    values.forEach((value, i) => {
      const encoded: Encoded = value === undefined || value === null || value === '' ? null : typeof value === 'number' ? { number: value } : { text: String(value) };
      writer.put(sheet, index + 3, i + 1, encoded, `${headers[i]} i række ${index + 3}`);
    });
  });
  finishSheet(sheet, 2);
  // the note is one line over the sheet: it does not set the first column's width
  return sheet;
}

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true };

async function viewSheets(writer: Writer, plan: PlanFile): Promise<void> {
  const stories = activityStories(plan);
  const check = checkPlan(plan);
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const areaTitles = new Map((plan.focusAreas ?? []).map((a) => [a.id, a.title]));
  const sheets: ExcelJS.Worksheet[] = [];

  sheets.push(viewSheet(writer, SHEETS.activities,
    ['Aktivitet', 'Indsatsområde', 'Formål', 'Målgruppe', 'Ansvarlig', 'Medarbejderressourcer', 'Samarbejdsrelationer', 'Lokal evaluering', 'Forankring', 'Fremdrift', 'Bidrager til mål', 'Antal indikatorer'],
    stories.map(({ activity: a, goals, indicators }) => [a.title, a.focusArea ? areaTitles.get(a.focusArea) : '', a.description, a.targetGroup, a.responsible, a.resources,
      (a.partners ?? []).join('\n'), a.localEvaluation, anchoringText(a), a.status ? STATUS_DA[a.status] : '', goals.map((g) => g.title).join('\n'), indicators.length])));

  const measuredBy = new Map<string, string[]>();
  for (const e of plan.edges) if (e.kind === 'maales-ved') measuredBy.set(e.to, [...(measuredBy.get(e.to) ?? []), titles.get(e.from) ?? e.from]);
  const indicatorNodes = plan.nodes.filter((x) => x.kind === 'indikator');
  const indicators = viewSheet(writer, SHEETS.indicators,
    ['Indikator', 'Måler', 'Enhed', 'Udgangspunkt', 'Udgangsår', 'Målværdi', 'Målår', 'Datakilde', 'Hyppighed', 'Seneste måling', 'Målt den', 'Udvikling'],
    indicatorNodes.map((n) => {
      const last = n.measurements?.[n.measurements.length - 1];
      return [n.title, (measuredBy.get(n.id) ?? []).join('\n'), n.unit, n.baseline?.value, n.baseline?.year, n.target?.value, n.target?.year, n.source, n.frequency, last?.value, null, indicatorRange(n)];
    }));
  indicatorNodes.forEach((n, i) => {
    const last = n.measurements?.[n.measurements.length - 1];
    if (last) setDateCell(indicators.getRow(i + 3).getCell(11), last.date);
  });
  sheets.push(indicators);

  const activityNodes = plan.nodes.filter((n) => n.kind === 'aktivitet');
  const coverage = viewSheet(writer, SHEETS.coverage, ['Mål', ...activityNodes.map((a) => a.title), 'Antal'],
    check.coverage.matrix.map((row) => {
      const reached = new Set(row.activities);
      return [titles.get(row.goal), ...activityNodes.map((a) => (reached.has(a.id) ? 'x' : '')), row.activities.length];
    }));
  // the activities' titles stand turned up; the row is as tall as the longest of them needs (Excel's most: 409 pt)
  const longest = Math.max(0, ...activityNodes.map((a) => Math.min(a.title.length, 80)));
  coverage.getRow(2).height = Math.min(409, Math.max(40, Math.ceil(longest / 2) * 7 + 12));
  for (let c = 2; c <= activityNodes.length + 1; c++) {
    coverage.getColumn(c).width = 7;
    coverage.getRow(2).getCell(c).alignment = { textRotation: 90, vertical: 'bottom', horizontal: 'center', wrapText: true };
    coverage.getColumn(c).eachCell((cell, row) => { if (row > 2) cell.alignment = { horizontal: 'center', vertical: 'top' }; });
  }
  sheets.push(coverage);

  const severity = { error: 'Fejl', warning: 'Advarsel', info: 'Oplysning' } as const;
  sheets.push(viewSheet(writer, SHEETS.findings, ['Alvor', 'Regel', 'Noder', 'Besked'],
    check.findings.map((f) => [severity[f.severity], f.rule, f.nodeIds.map((id) => titles.get(id) ?? id).join('\n'), f.message])));

  for (const sheet of sheets) await sheet.protect('', PROTECTION);
}

/** `statusLog` as the sheet Fremdrift shows it (what the import makes of its rows). */
function statusLogShown(log: unknown): unknown {
  if (!Array.isArray(log) || log.length === 0) return undefined;
  return log.map((entry) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const { cells } = recordCells(record, STATUS_LOG_COLUMNS);
    const shown: Record<string, unknown> = {};
    for (const key of ['date', 'status', 'note', 'by']) {
      const i = STATUS_LOG_COLUMNS.findIndex((c) => c.key === key);
      const back = decodeEncoded(cells[i]!, STATUS_LOG_COLUMNS[i]!);
      if ('value' in back && back.value !== undefined) shown[key] = back.value;
    }
    return shown;
  });
}

function statusLogSheet(writer: Writer, plan: PlanFile): void {
  const rows: Record<string, unknown>[] = [];
  for (const node of plan.nodes) {
    for (const entry of node.statusLog ?? []) {
      const { date, status, note, by, ...rest } = entry;
      rows.push({ ...rest, node: node.id, title: node.title, date, status, note, by });
    }
  }
  // an entry's own unknown keys go in its row's extra column; node and title are the sheet's, not the entry's
  const sheet = writer.workbook.addWorksheet(SHEETS.statusLog);
  sheet.addRow(STATUS_LOG_COLUMNS.map((c) => c.header));
  rows.forEach((row, index) => {
    const { node, title, ...entry } = row;
    const { cells, extra } = recordCells(entry, STATUS_LOG_COLUMNS);
    STATUS_LOG_COLUMNS.forEach((column, i) => {
      const value = column.key === 'node' ? encode(node, column) : column.key === 'title' ? encode(title, column)
        : column === EXTRA ? extraCell(extra, writer, `${SHEETS.statusLog}!${columnLetter(i + 1)}${index + 2}`) : cells[i]!;
      writer.put(sheet, index + 2, i + 1, value, `${column.header} for ${String(title)}`);
    });
  });
  finishSheet(sheet, 1);
}

function aboutSheet(writer: Writer, plan: PlanFile, sheet: ExcelJS.Worksheet): void {
  const lines: string[][] = [
    ['Forandringskort', `${plan.plan.title} (forandringskort/v1)`],
    ['Til læsning', `${SHEETS.activities}, ${SHEETS.indicators}, ${SHEETS.coverage} og ${SHEETS.findings}: regnet ud fra planen, beskyttet, og bliver ikke importeret.`],
    ['Importeres', `${IMPORTED_SHEETS}. Ret her; "forandringskort import" eller editorens Importér læser dem tilbage.`],
    [EXTRA.header, 'Det, ingen anden kolonne viser præcist (egne felter, noter til målinger, delmål, tomme lister), som JSON. Lad kolonnen stå; en ændret celle i rækken vinder over den.'],
  ];
  if (writer.notes.length === 0) lines.push(['Udeladt', 'Intet: filen indeholder hele planen.']);
  else for (const note of writer.notes) lines.push(['Udeladt', `${note.where}: ${note.message}.`]);
  sheet.addRow(['Emne', 'Forklaring']);
  for (const line of lines) sheet.addRow(line);
  finishSheet(sheet, 1);
  sheet.getColumn(2).width = 100;
  sheet.getColumn(2).eachCell((cell) => { cell.alignment = { wrapText: true, vertical: 'top' }; });
}

/** The workbook and what it could not hold (also listed on its sheet "Om filen"). */
export async function exportXlsxWithNotes(stored: PlanFile): Promise<{ data: Uint8Array; notes: XlsxNote[] }> {
  const plan = withCleanText(stored); // XML allows no control characters: the workbook is always well-formed
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Forandringskort';
  const writer = new Writer(workbook);
  // "Om filen" first: what the file is, what imports and what was left out is the first thing one sees; it is
  // filled in last, when the notes are known
  const about = workbook.addWorksheet(SHEETS.about);
  await viewSheets(writer, plan);
  followUpSheet(writer.workbook, plan);
  statusLogSheet(writer, plan);
  const planSheet = workbook.addWorksheet(SHEETS.plan);
  planSheet.addRow(['Felt', 'Værdi']);
  planSheet.addRow(['Format', plan.format]);
  const info = plan.plan as Record<string, unknown>;
  const { cells, extra } = recordCells(info, PLAN_FIELDS);
  PLAN_FIELDS.forEach((field, i) => {
    planSheet.getRow(i + 3).getCell(1).value = field.header;
    writer.put(planSheet, i + 3, 2, field === EXTRA ? extraCell(extra, writer, `${SHEETS.plan}!B${i + 3}`) : cells[i]!, field.header);
  });
  finishSheet(planSheet, 1);
  if (plan.focusAreas) dataSheet(writer, SHEETS.focusAreas, FOCUS_AREA_COLUMNS, plan.focusAreas, (a) => `indsatsområdet "${String(a.title)}"`);
  dataSheet(writer, SHEETS.nodes, NODE_COLUMNS, plan.nodes, (n) => `"${String(n.title)}"`, (n) => ({ statusLog: statusLogShown(n.statusLog) }));
  dataSheet(writer, SHEETS.edges, EDGE_COLUMNS, plan.edges, (e) => `kanten ${String(e.from)} → ${String(e.to)}`);
  aboutSheet(writer, plan, about);
  const buffer = await workbook.xlsx.writeBuffer();
  return { data: new Uint8Array(buffer as ArrayBuffer), notes: writer.notes };
}

export async function exportXlsx(stored: PlanFile): Promise<Uint8Array> {
  return (await exportXlsxWithNotes(stored)).data;
}

// ---------------------------------------------------------------------------------------------------------
// Import

export interface SheetProblem extends FileProblem {
  sheet: string;
  row: number;
  column: string;
}

export type XlsxImport = { ok: true; plan: PlanFile } | { ok: false; problems: SheetProblem[] };

interface CellRef { sheet: string; row: number; column: string; header?: string }

function sheetProblem(where: CellRef, message: string): SheetProblem {
  const place = `${where.sheet}, række ${where.row}${where.column ? `, kolonne ${where.column}${where.header ? ` (${where.header})` : ''}` : ''}`;
  return { sheet: where.sheet, row: where.row, column: where.column, path: `${where.sheet}!${where.column}${where.row}`, message: `${place}: ${message}` };
}

/** One cell through the one reader and the column's type; problems name sheet, row and column. */
function readValue(cell: ExcelJS.Cell, column: Column, where: CellRef, problems: SheetProblem[]): unknown {
  const read = readCell(cell);
  if ('problem' in read) {
    problems.push(sheetProblem(where, read.problem));
    return undefined;
  }
  return convert(read.value, column, (message) => problems.push(sheetProblem(where, message)));
}

/** The extra column's JSON object, or a problem. */
function readExtra(cell: ExcelJS.Cell, where: CellRef, problems: SheetProblem[]): Record<string, unknown> | undefined {
  const read = readCell(cell);
  if ('problem' in read) {
    problems.push(sheetProblem(where, read.problem));
    return undefined;
  }
  if (read.value === undefined || read.value === '') return undefined;
  try {
    const value = JSON.parse(String(read.value)) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push(sheetProblem(where, 'forventede et JSON-objekt som {"nøgle": "værdi"} (eller en tom celle)'));
  return undefined;
}

/**
 * Takes the extra column's keys into a record read from cells: a key as written there, as long as what the cells
 * (and `shownElsewhere`) show for it is what the export wrote for that value; a key whose cells were edited stays as
 * the cells say.
 */
function mergeExtra(record: Record<string, unknown>, extra: Record<string, unknown> | undefined, columns: Column[], shownElsewhere: (key: string, value: unknown) => unknown = () => undefined): void {
  if (!extra) return;
  for (const key of Object.keys(extra)) {
    const probe: Record<string, unknown> = {};
    setOwn(probe, key, extra[key]);
    const { cells } = recordCells(probe, columns);
    const shown: Record<string, unknown> = {};
    const elsewhere = shownElsewhere(key, extra[key]);
    if (elsewhere !== undefined) setOwn(shown, key, elsewhere);
    columns.forEach((column, i) => {
      if (column === EXTRA || column.key.split('.')[0] !== key) return;
      const back = decodeEncoded(cells[i]!, column);
      if ('value' in back && back.value !== undefined) setPath(shown, column.key, back.value);
    });
    if (deepEqual(shown[key], record[key])) setOwn(record, key, extra[key]);
  }
}

interface ReadSheet { rows: Record<string, unknown>[]; rowNumbers: number[]; columnOf: Map<string, string> }

/** The header's columns: a column is found by its Danish header or by the file format's key (older exports). */
export function readRows(workbook: ExcelJS.Workbook, name: string, columns: Column[], problems: SheetProblem[]): ReadSheet {
  const sheet = workbook.getWorksheet(name);
  const columnOf = new Map<string, string>();
  if (!sheet) return { rows: [], rowNumbers: [], columnOf };
  const indexOf = new Map<Column, number>();
  sheet.getRow(1).eachCell((cell, index) => {
    const read = readCell(cell);
    const text = 'value' in read && read.value !== undefined ? normal(String(read.value)) : '';
    const column = columns.find((c) => normal(c.header) === text || normal(c.key) === text);
    if (column && !indexOf.has(column)) {
      indexOf.set(column, index);
      columnOf.set(column.key, columnLetter(index));
    }
  });
  for (const c of columns) {
    if (['title', 'kind', 'from', 'to'].includes(c.key) && !indexOf.has(c) && name !== SHEETS.statusLog) {
      problems.push({ sheet: name, row: 1, column: '', path: `${name}!1`, message: `${name}, række 1: kolonnen "${c.header}" mangler i overskriftsrækken` });
    }
  }
  const rows: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: Record<string, unknown> = {};
    let extra: Record<string, unknown> | undefined;
    let any = false;
    for (const [column, index] of indexOf) {
      const where = { sheet: name, row: rowNumber, column: columnLetter(index), header: column.header };
      if (column === EXTRA) {
        extra = readExtra(row.getCell(index), where, problems);
        any ||= extra !== undefined;
        continue;
      }
      const value = readValue(row.getCell(index), column, where, problems);
      if (value !== undefined) {
        setPath(record, column.key, value);
        any = true;
      }
    }
    if (!any) return;
    if (extra) setOwn(record, EXTRA.key, extra);
    rows.push(record);
    rowNumbers.push(rowNumber);
  });
  // the extra column stays in the rows until finishRows, once what other sheets show is in (Fremdrift)
  return { rows, rowNumbers, columnOf };
}

/** Merges each row's extra column (see mergeExtra) and removes it from the row. */
function finishRows(read: ReadSheet, columns: Column[], shownElsewhere?: (record: Record<string, unknown>, key: string, value: unknown) => unknown): void {
  for (const record of read.rows) {
    const extra = record[EXTRA.key] as Record<string, unknown> | undefined;
    delete record[EXTRA.key];
    mergeExtra(record, extra, columns, shownElsewhere && ((key, value) => shownElsewhere(record, key, value)));
  }
}

/** The sheet Fremdrift into the nodes' `statusLog` (a node without rows has none). */
function readStatusLog(workbook: ExcelJS.Workbook, nodes: ReadSheet, problems: SheetProblem[]): void {
  if (!workbook.getWorksheet(SHEETS.statusLog)) return;
  const read = readRows(workbook, SHEETS.statusLog, STATUS_LOG_COLUMNS, problems);
  const byId = new Map(nodes.rows.map((n) => [n.id, n]));
  const logs = new Map<Record<string, unknown>, Record<string, unknown>[]>();
  read.rows.forEach((row, index) => {
    const where = (key: string) => ({ sheet: SHEETS.statusLog, row: read.rowNumbers[index]!, column: read.columnOf.get(key) ?? '', header: STATUS_LOG_COLUMNS.find((c) => c.key === key)!.header });
    const { node: id, title: _title, ...entry } = row;
    const node = typeof id === 'string' ? byId.get(id) : undefined;
    if (typeof id !== 'string') return problems.push(sheetProblem(where('node'), 'mangler nodens id'));
    if (!node) return problems.push(sheetProblem(where('node'), `der er ingen node med id "${id}" i arket ${SHEETS.nodes}`));
    if (entry.date === undefined) return problems.push(sheetProblem(where('date'), 'mangler datoen'));
    if (entry.status === undefined) return problems.push(sheetProblem(where('status'), `mangler fremdriften (${Object.values(STATUS_WORDS).join(', ')})`));
    const extra = entry[EXTRA.key] as Record<string, unknown> | undefined;
    delete entry[EXTRA.key];
    mergeExtra(entry, extra, STATUS_LOG_COLUMNS);
    logs.set(node, [...(logs.get(node) ?? []), entry]);
  });
  for (const [node, log] of logs) node.statusLog = log;
}

/** Reads a workbook in the export's layout; a workbook with any problem imports nothing. */
export async function importXlsx(data: Uint8Array): Promise<XlsxImport> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    const zip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b;
    const message = zip
      ? 'filen er et beskadiget eller afkortet regneark (.xlsx) og kan ikke læses; gem den igen fra Excel eller LibreOffice'
      : 'filen er ikke et Excel-regneark (.xlsx); gem den som Excel-projektmappe (.xlsx) og prøv igen';
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', path: '(filen)', message }] };
  }
  const problems: SheetProblem[] = [];
  for (const required of [SHEETS.plan, SHEETS.nodes, SHEETS.edges]) {
    if (!workbook.getWorksheet(required)) problems.push({ sheet: required, row: 0, column: '', path: required, message: `arket "${required}" mangler` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const planInfo: Record<string, unknown> = {};
  let planExtra: Record<string, unknown> | undefined;
  workbook.getWorksheet(SHEETS.plan)!.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const label = readCell(row.getCell(1));
    const text = 'value' in label && label.value !== undefined ? normal(String(label.value)) : '';
    if (text === '' || text === 'format') return;
    const field = PLAN_FIELDS.find((f) => normal(f.header) === text || normal(f.key) === text);
    const where = { sheet: SHEETS.plan, row: rowNumber, column: 'B', header: field?.header };
    if (!field) {
      problems.push(sheetProblem({ sheet: SHEETS.plan, row: rowNumber, column: 'A' }, `ukendt felt "${String('value' in label ? label.value : '')}" (kendte felter: ${PLAN_FIELDS.map((f) => f.header).join(', ')})`));
      return;
    }
    if (field === EXTRA) {
      planExtra = readExtra(row.getCell(2), where, problems);
      return;
    }
    const value = readValue(row.getCell(2), field, where, problems);
    if (value !== undefined) setPath(planInfo, field.key, value);
  });
  mergeExtra(planInfo, planExtra, PLAN_FIELDS);
  const areas = workbook.getWorksheet(SHEETS.focusAreas) ? readRows(workbook, SHEETS.focusAreas, FOCUS_AREA_COLUMNS, problems) : null;
  const nodes = readRows(workbook, SHEETS.nodes, NODE_COLUMNS, problems);
  const edges = readRows(workbook, SHEETS.edges, EDGE_COLUMNS, problems);
  if (problems.length === 0) readStatusLog(workbook, nodes, problems);
  if (problems.length > 0) return { ok: false, problems };
  if (areas) finishRows(areas, FOCUS_AREA_COLUMNS);
  finishRows(nodes, NODE_COLUMNS, (_record, key, value) => (key === 'statusLog' ? statusLogShown(value) : undefined));
  finishRows(edges, EDGE_COLUMNS);
  readFollowUpSheet(workbook, nodes.rows, problems);
  if (problems.length > 0) return { ok: false, problems };

  const plan = { format: 'forandringskort/v1', plan: planInfo, ...(areas ? { focusAreas: areas.rows } : {}), nodes: nodes.rows, edges: edges.rows };
  const result = validatePlan(plan);
  if (result.ok) return { ok: true, plan: result.plan };
  const sheets = { focusAreas: [SHEETS.focusAreas, areas], nodes: [SHEETS.nodes, nodes], edges: [SHEETS.edges, edges] } as const;
  return { ok: false, problems: result.problems.map((p) => locate(p, sheets)) };
}

type Located = { rowNumbers: number[]; columnOf: Map<string, string> } | null;

const HEADER_OF = new Map([...NODE_COLUMNS, ...EDGE_COLUMNS, ...FOCUS_AREA_COLUMNS].map((c) => [c.key, c.header]));

/** Turns a JSON path ("nodes[3].anchoring.strategy") into the sheet, row and column it came from. */
function locate(problem: FileProblem, sheets: Record<'focusAreas' | 'nodes' | 'edges', readonly [string, Located]>): SheetProblem {
  const match = /^(focusAreas|nodes|edges)\[(\d+)\]\.?([^[]*)/.exec(problem.path);
  if (!match) return { ...problem, sheet: SHEETS.plan, row: 0, column: '', message: `${problem.path}: ${problem.message}` };
  const [sheetName, read] = sheets[match[1] as 'nodes'];
  const row = read?.rowNumbers[Number(match[2])] ?? 0;
  const key = match[3] ?? '';
  const found = read?.columnOf.has(key) ? key : read?.columnOf.has(key.split('.')[0]!) ? key.split('.')[0]! : null;
  // a key no column shows came from the row's extra column
  const column = (found !== null ? read?.columnOf.get(found) : read?.columnOf.get(EXTRA.key)) ?? '';
  const header = found !== null ? HEADER_OF.get(found) ?? key : `${EXTRA.header}: ${key}`;
  return { ...sheetProblem({ sheet: sheetName, row, column, header }, problem.message), path: `${sheetName}!${column}${row}` };
}

