/**
 * What the spreadsheet's sheets share (model/export/xlsx.ts writes and reads the plan's sheets, xlsx-followup.ts
 * the follow-up sheet): columns, values ↔ cells, the row's extra column, the header's style, and reading a sheet's
 * rows with problems that name sheet, row and column. Its own file, so the two sheet modules import it and not
 * each other.
 */
import type ExcelJS from 'exceljs';
import { parseDanishNumber } from '../format.ts';
import type { FileProblem } from '../schema.ts';
import { asStored, columnLetter, readCell } from './cells.ts';

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

export const col = (
  key: string,
  header: string,
  type: ColumnType = 'string',
  values?: Record<string, string>,
): Column => ({ key, header, type, ...(values ? { values } : {}) });

/** The row's column for what no other column shows exactly (see the header comment). */
export const EXTRA = col('~extra', 'Øvrige felter (JSON)');

// ---------------------------------------------------------------------------------------------------------
// Values ↔ cells

export function getPath(object: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), object);
}

/** Sets a key as an own property (also `__proto__`, which a plain assignment would take as the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
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
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((item, i) => deepEqual(item, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** What a value becomes in a cell: text, a number, a date, or nothing. */
export type Encoded = { text: string } | { number: number } | { date: string } | null;

export function numberText(n: number): string {
  return String(n);
}

export function encode(value: unknown, column: Column): Encoded {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'number':
    case 'int':
      return typeof value === 'number' ? { number: value } : { text: String(value) };
    case 'boolean':
      return typeof value === 'boolean' ? { text: value ? 'ja' : 'nej' } : { text: String(value) };
    case 'enum':
      return { text: column.values?.[String(value)] ?? String(value) };
    case 'lines':
      return Array.isArray(value) ? { text: value.map(String).join('\n') } : { text: String(value) };
    case 'measurements':
      return Array.isArray(value)
        ? {
            text: (value as { date: unknown; value: unknown }[])
              .map(
                (m) => `${String(m?.date)}: ${typeof m?.value === 'number' ? numberText(m.value) : String(m?.value)}`,
              )
              .join('\n'),
          }
        : { text: String(value) };
    case 'date':
      return { date: String(value) };
    default:
      return typeof value === 'string' ? { text: value } : { text: JSON.stringify(value) };
  }
}

/** The value read back from an encoded cell without a workbook: what the importer would make of it, or `failed`. */
export function decodeEncoded(cell: Encoded, column: Column): { value: unknown } | { failed: true } {
  const raw =
    cell === null ? undefined : 'text' in cell ? asStored(cell.text) : 'number' in cell ? cell.number : cell.date;
  const problems: string[] = [];
  const value = convert(raw, column, (message) => problems.push(message));
  return problems.length > 0 ? { failed: true } : { value };
}

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DANISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

export function realDate(y: number, m: number, d: number): string | null {
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

export const normal = (text: string) => text.trim().toLowerCase();

/** A read cell value as the column's type; a value that does not fit calls `problem` and gives undefined. */
export function convert(raw: unknown, column: Column, problem: (message: string) => void): unknown {
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
      for (const [code, word] of Object.entries(column.values ?? {}))
        if (normal(code) === text || normal(word) === text) return code;
      return fail(`forventede en af ${Object.values(column.values ?? {}).join(', ')}, fik "${String(raw)}"`);
    }
    case 'lines':
      return String(raw)
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'measurements':
      return String(raw)
        .split(/\r?\n/)
        .filter((s) => s.trim())
        .map((line) => {
          const match = /^\s*(\d{4}-\d{2}-\d{2})\s*:\s*(-?[\d.,]+(?:e[+-]?\d+)?)\s*$/i.exec(line);
          const value = match
            ? /e/i.test(match[2]!) || !match[2]!.includes(',')
              ? Number(match[2]!)
              : Number(match[2]!.replace(/\./g, '').replace(',', '.'))
            : NaN;
          if (!match || !Number.isFinite(value)) return fail(`forventede linjer som "2013-06-30: 31", fik "${line}"`);
          return { date: match[1]!, value };
        })
        .filter(Boolean);
    case 'date': {
      const date = parseDate(String(raw));
      return date ?? fail(`forventede en dato som 30.06.2014, fik "${String(raw)}"`);
    }
  }
}

/**
 * The cells of one record and its extra column: each column's cell, and the keys whose value the cells (and, with
 * `shownElsewhere`, other sheets) do not show exactly.
 */
export function recordCells(
  record: Record<string, unknown>,
  columns: Column[],
  shownElsewhere: Record<string, unknown> = {},
): { cells: Encoded[]; extra: Record<string, unknown> } {
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
      const text =
        v instanceof Date
          ? '00.00.0000'
          : typeof v === 'number'
            ? String(Math.round(v * 100) / 100)
            : typeof v === 'string'
              ? v
              : '';
      const longest = Math.max(0, ...text.split('\n').map((line) => line.length));
      widths[column] = Math.max(widths[column] ?? 0, rowNumber === headerRow ? Math.min(longest, 24) : longest);
      if (rowNumber > headerRow && typeof v === 'string' && (v.includes('\n') || v.length > 58))
        cell.alignment = { wrapText: true, vertical: 'top' };
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
      lines = Math.max(
        lines,
        cell.value.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / width)), 0),
      );
    });
    if (lines > 1) row.height = Math.min(409, lines * 15);
  });
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: `&L${sheet.name}&RSide &P af &N` };
}

export interface SheetProblem extends FileProblem {
  sheet: string;
  row: number;
  column: string;
}

export interface CellRef {
  sheet: string;
  row: number;
  column: string;
  header?: string;
}

export function sheetProblem(where: CellRef, message: string): SheetProblem {
  const place = `${where.sheet}, række ${where.row}${where.column ? `, kolonne ${where.column}${where.header ? ` (${where.header})` : ''}` : ''}`;
  return {
    sheet: where.sheet,
    row: where.row,
    column: where.column,
    path: `${where.sheet}!${where.column}${where.row}`,
    message: `${place}: ${message}`,
  };
}

/** One cell through the one reader and the column's type; problems name sheet, row and column. */
export function readValue(cell: ExcelJS.Cell, column: Column, where: CellRef, problems: SheetProblem[]): unknown {
  const read = readCell(cell);
  if ('problem' in read) {
    problems.push(sheetProblem(where, read.problem));
    return undefined;
  }
  return convert(read.value, column, (message) => problems.push(sheetProblem(where, message)));
}

/** The extra column's JSON object, or a problem. */
export function readExtra(
  cell: ExcelJS.Cell,
  where: CellRef,
  problems: SheetProblem[],
): Record<string, unknown> | undefined {
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
export function mergeExtra(
  record: Record<string, unknown>,
  extra: Record<string, unknown> | undefined,
  columns: Column[],
  shownElsewhere: (key: string, value: unknown) => unknown = () => undefined,
): void {
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

export interface ReadSheet {
  rows: Record<string, unknown>[];
  rowNumbers: number[];
  columnOf: Map<string, string>;
}

/** The columns a sheet's header must have when its columns include them (a sheet may ask for none). */
const REQUIRED_KEYS = ['title', 'kind', 'from', 'to'];

/** The header's columns: a column is found by its Danish header or by the file format's key (older exports). */
export function readRows(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  problems: SheetProblem[],
  required: readonly string[] = REQUIRED_KEYS,
): ReadSheet {
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
    if (required.includes(c.key) && !indexOf.has(c)) {
      problems.push({
        sheet: name,
        row: 1,
        column: '',
        path: `${name}!1`,
        message: `${name}, række 1: kolonnen "${c.header}" mangler i overskriftsrækken`,
      });
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
export function finishRows(
  read: ReadSheet,
  columns: Column[],
  shownElsewhere?: (record: Record<string, unknown>, key: string, value: unknown) => unknown,
): void {
  for (const record of read.rows) {
    const extra = record[EXTRA.key] as Record<string, unknown> | undefined;
    delete record[EXTRA.key];
    mergeExtra(record, extra, columns, shownElsewhere && ((key, value) => shownElsewhere(record, key, value)));
  }
}
