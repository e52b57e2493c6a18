/**
 * Spreadsheet cells, written and read in one place: the text sanitizer for CSV and Excel (OWASP's CSV injection
 * guidance), the one reader of a cell's value (formulas by their cached result, as Excel and LibreOffice show
 * them), dates as real date cells and the limit of a cell's text.
 */
import type ExcelJS from 'exceljs';

/** The most characters a cell holds in Excel (and what LibreOffice writes back). */
export const MAX_CELL_CHARS = 32_767;

/** A text beginning with one of these is run as a formula by spreadsheets (OWASP: =, +, -, @, tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** CSV: a text that would start a formula gets a leading apostrophe, which spreadsheets show as text. */
export function csvSafeText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * Excel: a text is always written as a text cell (a shared string, never a formula); one that would start a formula
 * also gets the text format "@", so that a spreadsheet keeps it text when someone edits the cell.
 */
export function setTextCell(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (looksLikeFormula(text)) cell.numFmt = '@';
}

/** A text as a workbook keeps it: its XML has no carriage return, a reader gets "\r\n" and "\r" back as "\n". */
export function asStored(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export const DATE_FORMAT = 'dd.mm.yyyy';

/** "2014-06-30" as a date cell shown 30.06.2014 (midnight UTC, the way the workbook stores days). */
export function setDateCell(cell: ExcelJS.Cell, iso: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) {
    setTextCell(cell, iso);
    return;
  }
  cell.value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  cell.numFmt = DATE_FORMAT;
}

/** What a cell holds, as the importer reads it: a plain value, or what is wrong with the cell. */
export type CellRead = { value: string | number | boolean | undefined } | { problem: string };

const ISO_DAY = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The one reader of a cell. Text (also rich text and hyperlinks) as text, numbers as numbers, booleans, dates as
 * "YYYY-MM-DD". A formula cell is read by its cached result, as the spreadsheet shows it (LibreOffice writes yes/no
 * cells as TRUE()/FALSE(); a title typed as =1+1 reads as 2); a formula without a result, an error value and a text
 * longer than MAX_CELL_CHARS are problems, never "[object Object]".
 */
export function readCell(cell: ExcelJS.Cell): CellRead {
  const value = cell.value;
  if (value === null || value === undefined) return { value: undefined };
  if (typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    // exceljs leaves a formula's cached boolean out of cell.value; cell.result has it
    const result = cell.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) {
      const formula = 'formula' in value ? value.formula : value.sharedFormula;
      return { problem: `cellen er formlen =${String(formula)} uden et beregnet resultat; skriv værdien i stedet` };
    }
    return plain(result);
  }
  return plain(value);
}

function plain(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { value: undefined };
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: ISO_DAY(value) };
  if (typeof value === 'object') {
    if ('richText' in value) return text(value.richText.map((r) => r.text).join(''));
    if ('error' in value) return { problem: `cellen viser fejlen ${String(value.error)}` };
    if ('text' in value) return text(typeof value.text === 'string' ? value.text : String((value.text as { richText?: { text: string }[] }).richText?.map((r) => r.text).join('') ?? ''));
  }
  return { problem: 'cellen har en værdi der ikke kan læses' };
}

function text(value: string): CellRead {
  if (value.length > MAX_CELL_CHARS) {
    return { problem: `teksten er ${value.length.toLocaleString('da-DK')} tegn; en celle kan højst rumme ${MAX_CELL_CHARS.toLocaleString('da-DK')} tegn` };
  }
  return { value };
}

/** A column's letter: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    out = String.fromCharCode(65 + m) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
