/**
 * The spreadsheet a steering group reads, and the layout plans kept in Excel come in by.
 *
 * Sheets to read: Aktiviteter, Indikatorer, Dækning (the matrix), Fund (the check's findings).
 * Sheets that carry the whole plan, so that xlsx → plan → xlsx and plan → xlsx → plan give the same plan:
 * Plan (key, value), Indsatsområder, Noder and Kanter, with the file format's keys as column headers
 * (`anchoring.strategy`, `target.value`, …). Lists are one item per line in a cell; measurements are
 * "YYYY-MM-DD: value" lines. The sheet Opfølgning (xlsx-followup.ts) carries the yearly milestones and the
 * counted measurement of each year with its note. What the sheets do not carry: keys unknown to the format, empty
 * lists (an empty cell reads as an absent key), `statusLog`, and notes and sources of measurements that do not count
 * for their year.
 */
import ExcelJS from 'exceljs';
import { checkPlan } from '../rules.ts';
import { formatDanishNumber, parseDanishNumber } from '../format.ts';
import { validatePlan, type FileProblem, type PlanFile } from '../schema.ts';
import { activityStories, anchoringText, indicatorRange, STATUS_DA } from './common.ts';
import { withCleanText } from '../values.ts';
import { followUpSheet, readFollowUpSheet } from './xlsx-followup.ts';

type ColumnType = 'string' | 'number' | 'int' | 'boolean' | 'lines' | 'measurements';
interface Column { key: string; type: ColumnType }

export const NODE_COLUMNS: Column[] = [
  { key: 'id', type: 'string' }, { key: 'kind', type: 'string' }, { key: 'title', type: 'string' }, { key: 'focusArea', type: 'string' },
  { key: 'description', type: 'string' }, { key: 'targetGroup', type: 'string' }, { key: 'responsible', type: 'string' },
  { key: 'partners', type: 'lines' }, { key: 'resources', type: 'string' }, { key: 'localEvaluation', type: 'string' },
  { key: 'anchoring.strategy', type: 'string' }, { key: 'anchoring.partner', type: 'string' }, { key: 'anchoring.note', type: 'string' },
  { key: 'status', type: 'string' }, { key: 'horizon', type: 'string' }, { key: 'external', type: 'boolean' }, { key: 'unit', type: 'string' },
  { key: 'baseline.value', type: 'number' }, { key: 'baseline.year', type: 'int' }, { key: 'target.value', type: 'number' }, { key: 'target.year', type: 'int' },
  { key: 'source', type: 'string' }, { key: 'frequency', type: 'string' }, { key: 'measurements', type: 'measurements' }, { key: 'direction', type: 'string' },
  { key: 'position.x', type: 'number' }, { key: 'position.y', type: 'number' },
];
export const EDGE_COLUMNS: Column[] = [
  { key: 'id', type: 'string' }, { key: 'from', type: 'string' }, { key: 'to', type: 'string' }, { key: 'kind', type: 'string' },
  { key: 'rationale', type: 'string' }, { key: 'assumptions', type: 'lines' },
];
export const FOCUS_AREA_COLUMNS: Column[] = [
  { key: 'id', type: 'string' }, { key: 'title', type: 'string' }, { key: 'purpose', type: 'lines' }, { key: 'problem', type: 'string' },
];
const PLAN_FIELDS: Column[] = [
  { key: 'title', type: 'string' }, { key: 'organisation', type: 'string' }, { key: 'area', type: 'string' },
  { key: 'period.from', type: 'int' }, { key: 'period.to', type: 'int' }, { key: 'vision', type: 'string' },
];

export const SHEETS = { activities: 'Aktiviteter', indicators: 'Indikatorer', coverage: 'Dækning', findings: 'Fund', plan: 'Plan', focusAreas: 'Indsatsområder', nodes: 'Noder', edges: 'Kanter' } as const;

function getPath(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), object);
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]!] = value;
}

function toCell(value: unknown, type: ColumnType): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (type === 'lines') return (value as string[]).join('\n');
  if (type === 'measurements') return (value as { date: string; value: number }[]).map((m) => `${m.date}: ${formatDanishNumber(m.value, { exact: true })}`).join('\n');
  return value as ExcelJS.CellValue;
}

export function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF0' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function dataSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.key, key: c.key, width: c.type === 'string' || c.type === 'lines' ? 28 : 14 }));
  for (const row of rows) sheet.addRow(columns.map((c) => toCell(getPath(row, c.key), c.type)));
  styleHeader(sheet);
}

function viewSheets(workbook: ExcelJS.Workbook, plan: PlanFile): void {
  const stories = activityStories(plan);
  const check = checkPlan(plan);
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const areaTitles = new Map((plan.focusAreas ?? []).map((a) => [a.id, a.title]));

  const activities = workbook.addWorksheet(SHEETS.activities);
  activities.columns = [
    { header: 'Aktivitet', width: 30 }, { header: 'Indsatsområde', width: 24 }, { header: 'Formål', width: 40 }, { header: 'Målgruppe', width: 24 },
    { header: 'Ansvarlig', width: 22 }, { header: 'Medarbejderressourcer', width: 24 }, { header: 'Samarbejdsrelationer', width: 28 },
    { header: 'Lokal evaluering', width: 28 }, { header: 'Forankring', width: 30 }, { header: 'Fremdrift', width: 18 },
    { header: 'Bidrager til mål', width: 36 }, { header: 'Antal indikatorer', width: 12 },
  ];
  for (const s of stories) {
    const a = s.activity;
    activities.addRow([a.title, a.focusArea ? areaTitles.get(a.focusArea) : '', a.description, a.targetGroup, a.responsible, a.resources,
      (a.partners ?? []).join('\n'), a.localEvaluation, anchoringText(a), a.status ? STATUS_DA[a.status] : '', s.goals.map((g) => g.title).join('\n'), s.indicators.length]);
  }
  styleHeader(activities);

  const indicators = workbook.addWorksheet(SHEETS.indicators);
  indicators.columns = [
    { header: 'Indikator', width: 34 }, { header: 'Måler', width: 34 }, { header: 'Enhed', width: 12 }, { header: 'Udgangspunkt', width: 12 },
    { header: 'Udgangsår', width: 10 }, { header: 'Målværdi', width: 12 }, { header: 'Målår', width: 10 }, { header: 'Datakilde', width: 24 },
    { header: 'Hyppighed', width: 14 }, { header: 'Seneste måling', width: 14 }, { header: 'Udvikling', width: 30 },
  ];
  const measuredBy = new Map<string, string[]>();
  for (const e of plan.edges) if (e.kind === 'maales-ved') measuredBy.set(e.to, [...(measuredBy.get(e.to) ?? []), titles.get(e.from) ?? e.from]);
  for (const n of plan.nodes.filter((x) => x.kind === 'indikator')) {
    const last = n.measurements?.[n.measurements.length - 1];
    indicators.addRow([n.title, (measuredBy.get(n.id) ?? []).join('\n'), n.unit, n.baseline?.value, n.baseline?.year, n.target?.value, n.target?.year,
      n.source, n.frequency, last?.value, indicatorRange(n)]);
  }
  styleHeader(indicators);

  const coverage = workbook.addWorksheet(SHEETS.coverage);
  const activityNodes = plan.nodes.filter((n) => n.kind === 'aktivitet');
  coverage.addRow(['Mål', ...activityNodes.map((a) => a.title), 'Antal']);
  for (const row of check.coverage.matrix) {
    const reached = new Set(row.activities);
    coverage.addRow([titles.get(row.goal), ...activityNodes.map((a) => (reached.has(a.id) ? 'x' : '')), row.activities.length]);
  }
  coverage.getColumn(1).width = 40;
  coverage.getRow(1).alignment = { textRotation: 90, vertical: 'bottom' };
  coverage.getRow(1).getCell(1).alignment = { vertical: 'bottom' };
  styleHeader(coverage);

  const findings = workbook.addWorksheet(SHEETS.findings);
  findings.columns = [{ header: 'Alvor', width: 12 }, { header: 'Regel', width: 28 }, { header: 'Noder', width: 30 }, { header: 'Besked', width: 80 }];
  const severity = { error: 'Fejl', warning: 'Advarsel', info: 'Oplysning' } as const;
  for (const f of check.findings) findings.addRow([severity[f.severity], f.rule, f.nodeIds.map((id) => titles.get(id) ?? id).join('\n'), f.message]);
  styleHeader(findings);
}

export async function exportXlsx(stored: PlanFile): Promise<Uint8Array> {
  const plan = withCleanText(stored); // XML allows no control characters: the workbook is always well-formed
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Forandringskort';
  viewSheets(workbook, plan);
  followUpSheet(workbook, plan);
  const planSheet = workbook.addWorksheet(SHEETS.plan);
  planSheet.columns = [{ header: 'key', key: 'key', width: 16 }, { header: 'value', key: 'value', width: 80 }];
  planSheet.addRow(['format', plan.format]);
  for (const field of PLAN_FIELDS) planSheet.addRow([field.key, toCell(getPath(plan.plan, field.key), field.type)]);
  styleHeader(planSheet);
  if (plan.focusAreas) dataSheet(workbook, SHEETS.focusAreas, FOCUS_AREA_COLUMNS, plan.focusAreas);
  dataSheet(workbook, SHEETS.nodes, NODE_COLUMNS, plan.nodes);
  dataSheet(workbook, SHEETS.edges, EDGE_COLUMNS, plan.edges);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------------------
// Import

export interface SheetProblem extends FileProblem {
  sheet: string;
  row: number;
  column: string;
}

export type XlsxImport = { ok: true; plan: PlanFile } | { ok: false; problems: SheetProblem[] };

function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    out = String.fromCharCode(65 + m) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return plainValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return value.text;
    if ('error' in value) return undefined;
  }
  return value;
}

interface CellRef { sheet: string; row: number; column: string }

function convert(raw: unknown, type: ColumnType, where: CellRef, problems: SheetProblem[]): unknown {
  if (raw === undefined || raw === '') return undefined;
  const problem = (message: string) => {
    problems.push({ ...where, path: `${where.sheet}!${where.column}${where.row}`, message });
    return undefined;
  };
  switch (type) {
    case 'string':
      return String(raw);
    case 'number': {
      const parsed = typeof raw === 'number' ? { ok: true as const, value: raw } : parseDanishNumber(String(raw));
      return parsed.ok && parsed.value !== null && Number.isFinite(parsed.value) ? parsed.value : problem(`forventede et tal, fik "${String(raw)}"${parsed.ok ? '' : ` (${parsed.reason})`}`);
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(String(raw));
      return Number.isInteger(n) ? n : problem(`forventede et heltal (fx et årstal), fik "${String(raw)}"`);
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (/^(ja|sand|true|1)$/i.test(String(raw))) return true;
      if (/^(nej|falsk|false|0)$/i.test(String(raw))) return false;
      return problem(`forventede ja eller nej, fik "${String(raw)}"`);
    case 'lines':
      return String(raw).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    case 'measurements':
      return String(raw).split(/\r?\n/).filter((s) => s.trim()).map((line) => {
        const match = /^\s*(\d{4}-\d{2}-\d{2})\s*:\s*(.+?)\s*$/.exec(line);
        // Files written before the Danish form wrote "12.5"; a dot that cannot group thousands still reads so here.
        const parsed = !match ? null : /^-?\d+\.\d+$/.test(match[2]!) && !parseDanishNumber(match[2]!).ok ? { ok: true as const, value: Number(match[2]!) } : parseDanishNumber(match[2]!);
        if (!match || !parsed?.ok || parsed.value === null) return problem(`forventede linjer som "2013-06-30: 31", fik "${line}"${parsed && !parsed.ok ? ` (${parsed.reason})` : ''}`);
        return { date: match[1]!, value: parsed.value };
      }).filter(Boolean);
  }
}

export function readRows(workbook: ExcelJS.Workbook, name: string, columns: Column[], problems: SheetProblem[]): { rows: Record<string, unknown>[]; rowNumbers: number[]; columnOf: Map<string, string> } {
  const sheet = workbook.getWorksheet(name);
  const columnOf = new Map<string, string>();
  if (!sheet) return { rows: [], rowNumbers: [], columnOf };
  const header = sheet.getRow(1);
  const indexOf = new Map<string, number>();
  header.eachCell((cell, col) => {
    const key = String(plainValue(cell.value) ?? '').trim();
    if (key) {
      indexOf.set(key, col);
      columnOf.set(key, columnLetter(col));
    }
  });
  for (const c of columns) {
    if (c.key !== 'id' && ['title', 'kind', 'from', 'to'].includes(c.key) && !indexOf.has(c.key)) {
      problems.push({ sheet: name, row: 1, column: '', path: `${name}!1`, message: `kolonnen "${c.key}" mangler i overskriftsrækken` });
    }
  }
  const rows: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: Record<string, unknown> = {};
    let any = false;
    for (const c of columns) {
      const col = indexOf.get(c.key);
      if (!col) continue;
      const value = convert(plainValue(row.getCell(col).value), c.type, { sheet: name, row: rowNumber, column: columnLetter(col) }, problems);
      if (value !== undefined) {
        setPath(record, c.key, value);
        any = true;
      }
    }
    if (any) {
      rows.push(record);
      rowNumbers.push(rowNumber);
    }
  });
  return { rows, rowNumbers, columnOf };
}

/** Reads a workbook in the export's layout; a workbook with any problem imports nothing. */
export async function importXlsx(data: Uint8Array): Promise<XlsxImport> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', path: '(filen)', message: `filen kan ikke læses som et regneark (.xlsx): ${(error as Error).message}` }] };
  }
  const problems: SheetProblem[] = [];
  for (const required of [SHEETS.plan, SHEETS.nodes, SHEETS.edges]) {
    if (!workbook.getWorksheet(required)) problems.push({ sheet: required, row: 0, column: '', path: required, message: `arket "${required}" mangler` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const planInfo: Record<string, unknown> = {};
  workbook.getWorksheet(SHEETS.plan)!.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const key = String(plainValue(row.getCell(1).value) ?? '');
    const field = PLAN_FIELDS.find((f) => f.key === key);
    if (!field) return;
    const value = convert(plainValue(row.getCell(2).value), field.type, { sheet: SHEETS.plan, row: rowNumber, column: 'B' }, problems);
    if (value !== undefined) setPath(planInfo, key, value);
  });
  const areas = workbook.getWorksheet(SHEETS.focusAreas) ? readRows(workbook, SHEETS.focusAreas, FOCUS_AREA_COLUMNS, problems) : null;
  const nodes = readRows(workbook, SHEETS.nodes, NODE_COLUMNS, problems);
  const edges = readRows(workbook, SHEETS.edges, EDGE_COLUMNS, problems);
  if (problems.length === 0) readFollowUpSheet(workbook, nodes.rows, problems);
  if (problems.length > 0) return { ok: false, problems };

  const plan = { format: 'forandringskort/v1', plan: planInfo, ...(areas ? { focusAreas: areas.rows } : {}), nodes: nodes.rows, edges: edges.rows };
  const result = validatePlan(plan);
  if (result.ok) return { ok: true, plan: result.plan };
  const sheets = { focusAreas: [SHEETS.focusAreas, areas], nodes: [SHEETS.nodes, nodes], edges: [SHEETS.edges, edges] } as const;
  return { ok: false, problems: result.problems.map((p) => locate(p, sheets)) };
}

type Located = { rowNumbers: number[]; columnOf: Map<string, string> } | null;

/** Turns a JSON path ("nodes[3].anchoring.strategy") into the sheet, row and column it came from. */
function locate(problem: FileProblem, sheets: Record<'focusAreas' | 'nodes' | 'edges', readonly [string, Located]>): SheetProblem {
  const match = /^(focusAreas|nodes|edges)\[(\d+)\]\.?([^[]*)/.exec(problem.path);
  if (!match) return { ...problem, sheet: SHEETS.plan, row: 0, column: '', message: `${problem.path}: ${problem.message}` };
  const [sheetName, read] = sheets[match[1] as 'nodes'];
  const row = read?.rowNumbers[Number(match[2])] ?? 0;
  const key = match[3] ?? '';
  const column = read?.columnOf.get(key) ?? read?.columnOf.get(key.split('.')[0]!) ?? '';
  return { sheet: sheetName, row, column, path: `${sheetName}!${column}${row}`, message: `${sheetName}, række ${row}${column ? `, kolonne ${column} (${key})` : ''}: ${problem.message}` };
}

