/**
 * The portfolio as an Excel workbook for a year: a sheet of plans (one row each, then I alt), one of indikator-years
 * across the plans (every indikator in every year it has a figure, up to the year), the red activities, and one
 * sheet per shared indikator code (a row per plan, a column per year). Danish headers, numbers as numbers, dates as
 * date cells; every text through the safe cell writer (cells.ts), so a title like "=1+1" stays text. It is a
 * report, not a plan: nothing here imports back, and the sheets are protected like the plan workbook's reports.
 */
import ExcelJS from 'exceljs';
import { formatDanishDate } from '../format.ts';
import {
  FREMDRIFT_KEYS, indicatorYearRows, summarizePortfolio, type PlanSummary, type PortfolioEntry, type SharedCode,
} from '../portfolio.ts';
import { codeSeries, codeYears } from '../portfolio-chart.ts';
import { DIRECTION_LABELS_DA, FREMDRIFT_KEY_LABELS_DA } from '../portfolio-report.ts';
import { INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUSES, measurementOf } from '../status.ts';
import { MAX_CELL_CHARS, setDateCell, setTextCell } from './cells.ts';

export interface PortfolioXlsxOptions {
  year: number;
  title?: string;
  date?: Date;
}

export const PORTFOLIO_SHEETS = { about: 'Om filen', plans: 'Planer', indicatorYears: 'Indikatorår', red: 'Røde aktiviteter' } as const;

type Value = string | number | null | { date: string };

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: true };

function write(cell: ExcelJS.Cell, value: Value): void {
  if (value === null) return;
  if (typeof value === 'number') cell.value = value;
  else if (typeof value === 'string') setTextCell(cell, value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value);
  else setDateCell(cell, value.date);
}

/** A sheet with a bold, frozen header row, a filter on it and the rows; columns as wide as their header or 12. */
function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Value[][], widths: Record<number, number> = {}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  const header = sheet.getRow(1);
  headers.forEach((text, i) => write(header.getCell(i + 1), text));
  header.font = { bold: true };
  rows.forEach((values, r) => values.forEach((value, c) => write(sheet.getRow(r + 2).getCell(c + 1), value)));
  headers.forEach((text, i) => { sheet.getColumn(i + 1).width = widths[i] ?? Math.max(12, Math.min(40, text.length + 2)); });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (headers.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: headers.length } };
  return sheet;
}

const PLAN_HEADERS = [
  'Plan', 'Id', 'Organisation', 'Område', 'Periode fra', 'Periode til', 'Fejl', 'Advarsler',
  'Mål', 'Mål dækket', 'Aktiviteter', 'Aktiviteter, der bidrager til et mål', 'Aktiviteter, der måles', 'Aktiviteter fulgt op på resultater',
  'Indikatorer', ...INDICATOR_STATUSES.map((s) => INDICATOR_STATUS_LABELS_DA[s]), ...FREMDRIFT_KEYS.map((k) => `Fremdrift: ${FREMDRIFT_KEY_LABELS_DA[k]}`), 'Røde aktiviteter',
];

function figures(p: Pick<PlanSummary, 'errors' | 'warnings' | 'coverage' | 'indicators' | 'fremdrift'>, red: number): number[] {
  const c = p.coverage;
  return [
    p.errors, p.warnings, c.goals, c.goalsCovered, c.activities, c.activitiesWithGoal, c.activitiesWithIndicator, c.activitiesWithOutcomeIndicator,
    p.indicators.total, ...INDICATOR_STATUSES.map((s) => p.indicators[s]), ...FREMDRIFT_KEYS.map((k) => p.fremdrift[k]), red,
  ];
}

/** An Excel sheet name from a code: at most 31 characters, none of : \ / ? * [ ], not taken yet. */
export function sheetNameForCode(code: string, taken: Set<string>): string {
  const base = (code.replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').trim() || 'Kode').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function codeSheet(workbook: ExcelJS.Workbook, name: string, code: SharedCode, entries: readonly PortfolioEntry[], titles: Map<string, string>, year: number): void {
  const years = codeYears(codeSeries(code, entries), year);
  const plans = new Map(entries.map((entry) => [entry.id, entry.plan]));
  const rows = code.rows.map((row) => {
    const node = plans.get(row.plan)?.nodes.find((n) => n.id === row.indicator);
    return [
      titles.get(row.plan) ?? row.plan, row.title, row.unit, DIRECTION_LABELS_DA[row.direction], row.baseline?.value ?? null, row.baseline?.year ?? null,
      ...years.map((y) => (node ? measurementOf(node, y)?.value ?? null : null)),
      row.milestone, row.latest?.value ?? null, row.latest ? { date: row.latest.date } : null, INDICATOR_STATUS_LABELS_DA[row.status],
    ] as Value[];
  });
  addSheet(workbook, name, [
    'Plan', 'Indikator', 'Enhed', 'Retning', 'Udgangspunkt', 'Udgangsår', ...years.map((y) => `Måling ${y}`),
    `Delmål ${year}`, 'Seneste måling', 'Dato for seneste måling', `Status ${year}`,
  ], rows, { 0: 28, 1: 40 });
}

export function buildPortfolioWorkbook(entries: readonly PortfolioEntry[], options: PortfolioXlsxOptions): ExcelJS.Workbook {
  const { year } = options;
  const summary = summarizePortfolio(entries, { year });
  const titles = new Map(summary.plans.map((p) => [p.id, p.title || p.id]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Forandringskort';
  workbook.title = `Porteføljeoversigt ${year}`;

  const about = addSheet(workbook, PORTFOLIO_SHEETS.about, ['Felt', 'Værdi'], [
    ['Porteføljeoversigt', options.title ?? ''],
    ['År', year],
    ['Planer', summary.totals.plans],
    ['Lavet', formatDanishDate(options.date ?? new Date())],
    ['Om tallene', `Alt er opgjort for ${year}; intet dateret efter 31.12.${year} er medregnet. Fejl, advarsler og dækning er de samme som i planens tjek.`],
    ['Om arkene', 'Arkene er en rapport og kan ikke læses ind igen; ret tallene i planerne.'],
  ], { 0: 22, 1: 100 });
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  addSheet(workbook, PORTFOLIO_SHEETS.plans, PLAN_HEADERS, [
    ...summary.plans.map((p) => [p.title || p.id, p.id, p.organisation, p.area, p.period?.from ?? null, p.period?.to ?? null, ...figures(p, p.redActivities.length)]),
    ['I alt', null, null, null, null, null, ...figures(summary.totals, summary.totals.redActivities)],
  ], { 0: 30, 1: 20, 2: 30, 3: 30 }).getRow(summary.plans.length + 2).font = { bold: true };

  addSheet(workbook, PORTFOLIO_SHEETS.indicatorYears,
    ['Plan', 'Indikator-id', 'Indikator', 'Kode', 'Enhed', 'Retning', 'År', 'Delmål', 'Måling', 'Status'],
    indicatorYearRows(entries, year).map((r) => [
      titles.get(r.plan) ?? r.plan, r.indicator, r.title, r.code, r.unit, DIRECTION_LABELS_DA[r.direction], r.year, r.milestone, r.measured, INDICATOR_STATUS_LABELS_DA[r.status],
    ]), { 0: 28, 2: 50 });

  addSheet(workbook, PORTFOLIO_SHEETS.red, ['Plan', 'Aktivitet', 'Rød siden', 'Dato for seneste note', 'Seneste note', 'Af'],
    summary.plans.flatMap((p) => p.redActivities.map((a) => [
      titles.get(p.id) ?? p.id, a.title, a.since ? { date: a.since } : null, a.note ? { date: a.note.date } : null, a.note?.note ?? null, a.note?.by ?? null,
    ] as Value[])), { 0: 28, 1: 32, 4: 60 });

  const taken = new Set(Object.values(PORTFOLIO_SHEETS).map((n) => n.toLowerCase()));
  for (const code of summary.codes) codeSheet(workbook, sheetNameForCode(code.code, taken), code, entries, titles, year);
  return workbook;
}

export async function exportPortfolioXlsx(entries: readonly PortfolioEntry[], options: PortfolioXlsxOptions): Promise<Uint8Array> {
  const workbook = buildPortfolioWorkbook(entries, options);
  for (const sheet of workbook.worksheets) await sheet.protect('', PROTECTION);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
