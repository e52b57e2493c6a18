/**
 * The spreadsheet's sheet "Opfølgning" (spec section 5): one row per indikator and year with the year's milestone,
 * the measurement that counts for it (value, date, note) and the milestone's note. It imports back: a row sets that
 * year's milestone and counted measurement of the indikator (the same rule as the grid, model/followup-edit.ts), so
 * figures kept in Excel come in. Problems name sheet, row and column.
 */
import type ExcelJS from 'exceljs';
import { withMeasurement, withMilestone } from '../followup-edit.ts';
import type { PlanFile, PlanNode } from '../schema.ts';
import { indicatorYears, measurementOf, milestoneOf, yearOfDate } from '../status.ts';
import { asStored, setDateCell, setTextCell } from './cells.ts';
import { deepEqual, finishSheet, readRows, type Column, type SheetProblem } from './sheet.ts';

export const FOLLOW_UP_SHEET = 'Opfølgning';

const column = (key: string, type: Column['type']): Column => ({ key, header: key, type });
const COLUMNS: Column[] = [
  column('Indikator-id', 'string'), column('Indikator', 'string'), column('År', 'int'),
  column('Delmål', 'number'), column('Måling', 'number'), column('Dato', 'date'),
  column('Note', 'string'), column('Delmålsnote', 'string'),
];

type FollowUpRow = { 'Indikator-id': string; Indikator: string; År: number; Delmål?: number; Måling?: number; Dato?: string; Note?: string; Delmålsnote?: string };

/** The sheet's rows of one indikator: each year with a milestone or a counted measurement. */
function rowsOf(node: PlanNode): FollowUpRow[] {
  const rows: FollowUpRow[] = [];
  for (const year of indicatorYears(node)) {
    const milestone = milestoneOf(node, year);
    const measurement = measurementOf(node, year);
    if (milestone === null && !measurement) continue;
    const milestoneNote = node.targets?.find((t) => t.year === year)?.note;
    const row: FollowUpRow = { 'Indikator-id': node.id, Indikator: node.title, År: year };
    if (milestone !== null) row.Delmål = milestone;
    if (measurement) {
      row.Måling = measurement.value;
      row.Dato = measurement.date;
      if (measurement.note !== undefined && measurement.note !== '') row.Note = measurement.note;
    }
    if (milestoneNote !== undefined && milestoneNote !== '') row.Delmålsnote = milestoneNote;
    rows.push(row);
  }
  return rows;
}

export function followUpSheet(workbook: ExcelJS.Workbook, plan: PlanFile): void {
  const sheet = workbook.addWorksheet(FOLLOW_UP_SHEET);
  sheet.addRow(COLUMNS.map((c) => c.header));
  let rowNumber = 1;
  for (const node of plan.nodes) {
    if (node.kind !== 'indikator') continue;
    for (const row of rowsOf(node)) {
      rowNumber += 1;
      const cells = sheet.getRow(rowNumber);
      COLUMNS.forEach((c, i) => {
        const value = row[c.key as keyof FollowUpRow];
        if (value === undefined) return;
        const cell = cells.getCell(i + 1);
        if (c.type === 'date') setDateCell(cell, String(value));
        else if (typeof value === 'number') cell.value = value;
        else setTextCell(cell, value);
      });
    }
  }
  finishSheet(sheet, 1);
}

/** Applies the sheet's rows to the imported node rows (not yet validated); problems are added, nothing else changes. */
export function readFollowUpSheet(workbook: ExcelJS.Workbook, nodes: Record<string, unknown>[], problems: SheetProblem[]): void {
  if (!workbook.getWorksheet(FOLLOW_UP_SHEET)) return;
  const before = problems.length;
  const { rows, rowNumbers, columnOf } = readRows(workbook, FOLLOW_UP_SHEET, COLUMNS, problems);
  if (problems.length > before) return;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const problem = (index: number, key: string, message: string) => {
    const row = rowNumbers[index]!;
    const column = columnOf.get(key) ?? '';
    problems.push({ sheet: FOLLOW_UP_SHEET, row, column, path: `${FOLLOW_UP_SHEET}!${column}${row}`,
      message: `${FOLLOW_UP_SHEET}, række ${row}${column ? `, kolonne ${column} (${key})` : ''}: ${message}` });
  };
  rows.forEach((row, index) => {
    const id = row['Indikator-id'];
    const year = row['År'] as number | undefined;
    const node = typeof id === 'string' ? byId.get(id) : undefined;
    if (typeof id !== 'string') return problem(index, 'Indikator-id', 'mangler indikatorens id');
    if (!node) return problem(index, 'Indikator-id', `der er ingen node med id "${id}" i arket Noder`);
    if (node.kind !== 'indikator') return problem(index, 'Indikator-id', `"${id}" er ikke en indikator`);
    if (year === undefined) return problem(index, 'År', 'mangler året');
    if (seen.has(`${id}\u0000${year}`)) return problem(index, 'År', `indikatoren "${id}" har allerede en række for ${year}`);
    seen.add(`${id}\u0000${year}`);
    const date = row['Dato'] as string | undefined;
    if (date !== undefined && yearOfDate(date) !== year) {
      return problem(index, 'Dato', `forventede en dato i ${year} som 30.06.${year}, fik ${date.split('-').reverse().join('.')}`);
    }
    // a row as the export wrote it changes nothing (the plan already says it; a target shown as the year's
    // milestone stays the target); only what was typed or changed comes in
    const written = rowsOf(node as unknown as PlanNode).find((r) => r.År === year);
    const { Indikator: _shownTitle, ...typed } = row;
    if (written) {
      const { Indikator: _title, ...expected } = written;
      const stored = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, typeof v === 'string' ? asStored(v) : v]));
      if (deepEqual(typed, stored)) return;
    }
    const measured = row['Måling'] as number | undefined;
    if (measured === undefined && (date !== undefined || row['Note'] !== undefined)) return problem(index, 'Måling', 'dato eller note uden en måling');
    const current = node as unknown as PlanNode;
    const milestone = row['Delmål'] as number | undefined;
    const milestoneNote = row['Delmålsnote'] as string | undefined;
    Object.assign(node, withMilestone(current, year, milestone ?? null, milestoneNote));
    if (measured !== undefined) {
      const note = row['Note'] as string | undefined;
      Object.assign(node, withMeasurement(node as unknown as PlanNode, year, measured, date ?? `${year}-12-31`, note !== undefined ? { note } : {}));
      if (date !== undefined) {
        const counted = measurementOf(node as unknown as PlanNode, year)!;
        counted.date = date;
      }
    }
    for (const key of ['targets', 'measurements']) if (node[key] === undefined) delete node[key];
  });
}
