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
import { readRows, styleHeader, type SheetProblem } from './xlsx.ts';

export const FOLLOW_UP_SHEET = 'Opfølgning';

const COLUMNS = [
  { key: 'Indikator-id', type: 'string' }, { key: 'Indikator', type: 'string' }, { key: 'År', type: 'int' },
  { key: 'Delmål', type: 'number' }, { key: 'Måling', type: 'number' }, { key: 'Dato', type: 'string' },
  { key: 'Note', type: 'string' }, { key: 'Delmålsnote', type: 'string' },
] as const;

export function followUpSheet(workbook: ExcelJS.Workbook, plan: PlanFile): void {
  const sheet = workbook.addWorksheet(FOLLOW_UP_SHEET);
  sheet.columns = COLUMNS.map((c) => ({ header: c.key, key: c.key, width: c.key === 'Indikator' ? 50 : c.key.endsWith('ote') ? 30 : 13 }));
  for (const node of plan.nodes) {
    if (node.kind !== 'indikator') continue;
    for (const year of indicatorYears(node)) {
      const milestone = milestoneOf(node, year);
      const measurement = measurementOf(node, year);
      if (milestone === null && !measurement) continue;
      const milestoneNote = node.targets?.find((t) => t.year === year)?.note;
      sheet.addRow([node.id, node.title, year, milestone, measurement?.value ?? null, measurement?.date ?? null, measurement?.note ?? null, milestoneNote ?? null]);
    }
  }
  styleHeader(sheet);
}

/** Applies the sheet's rows to the imported node rows (not yet validated); problems are added, nothing else changes. */
export function readFollowUpSheet(workbook: ExcelJS.Workbook, nodes: Record<string, unknown>[], problems: SheetProblem[]): void {
  if (!workbook.getWorksheet(FOLLOW_UP_SHEET)) return;
  const before = problems.length;
  const { rows, rowNumbers, columnOf } = readRows(workbook, FOLLOW_UP_SHEET, COLUMNS as unknown as { key: string; type: 'string' | 'number' | 'int' }[], problems);
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
    if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || yearOfDate(date) !== year)) {
      return problem(index, 'Dato', `forventede en dato i ${year} som ${year}-06-30, fik "${date}"`);
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
