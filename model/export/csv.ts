/**
 * The coverage matrix as CSV: one row per goal, one column per activity, "x" where the activity reaches the goal.
 * Semicolon-separated with a byte order mark, because Danish Excel opens exactly that with the right columns and
 * the right letters (æ, ø, å); comma-separated files open in one column in a Danish locale.
 */
import { checkPlan } from '../rules.ts';
import type { PlanFile } from '../schema.ts';
import { csvSafeText } from './cells.ts';

export function csvCell(value: string): string {
  // a leading =, +, -, @, tab or carriage return would be run as a formula by spreadsheets: prefixed (cells.ts)
  const safe = csvSafeText(value);
  return /[";\r\n\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportMatrixCsv(plan: PlanFile): string {
  const { coverage } = checkPlan(plan);
  const activities = plan.nodes.filter((n) => n.kind === 'aktivitet');
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const rows = [
    ['Mål', ...activities.map((a) => a.title), 'Antal aktiviteter'],
    ...coverage.matrix.map((row) => {
      const reached = new Set(row.activities);
      return [titles.get(row.goal) ?? row.goal, ...activities.map((a) => (reached.has(a.id) ? 'x' : '')), String(row.activities.length)];
    }),
  ];
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
