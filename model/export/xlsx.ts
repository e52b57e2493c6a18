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
 * and the sheet "Om filen" lists it. Columns, values ↔ cells and reading a sheet's rows are in sheet.ts, shared
 * with xlsx-followup.ts.
 */
import ExcelJS from 'exceljs';
import { checkPlan } from '../rules.ts';
import { validatePlan, type FileProblem, type PlanFile } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { columnLetter, MAX_CELL_CHARS, readCell, setDateCell, setTextCell } from './cells.ts';
import { activityStories, anchoringText, indicatorRange, KIND_DA, STATUS_DA } from './common.ts';
import { followUpSheet, readFollowUpSheet } from './xlsx-followup.ts';
import { col, type Column, decodeEncoded, encode, type Encoded, EXTRA, finishRows, finishSheet, mergeExtra, normal, readExtra, readRows, type ReadSheet, readValue, recordCells, setPath, type SheetProblem, sheetProblem } from './sheet.ts';

export type { Column, SheetProblem } from './sheet.ts';


export const STATUS_WORDS = { groen: 'Grøn', gul: 'Gul', roed: 'Rød' };
const HORIZON_WORDS = { kort: 'Kort', lang: 'Lang' };
const STRATEGY_WORDS = { frivillige: 'Frivillige', beboeransatte: 'Beboeransatte', partnerskab: 'Partnerskab', kommunal: 'Kommunal', ingen: 'Ingen' };
const DIRECTION_WORDS = { op: 'Op', ned: 'Ned' };
const EDGE_KIND_WORDS = { 'leder-til': 'Leder til', 'bidrager-til': 'Bidrager til', 'maales-ved': 'Måles ved' };


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


export type XlsxImport = { ok: true; plan: PlanFile } | { ok: false; problems: SheetProblem[] };


/** The sheet Fremdrift into the nodes' `statusLog` (a node without rows has none). */
function readStatusLog(workbook: ExcelJS.Workbook, nodes: ReadSheet, problems: SheetProblem[]): void {
  if (!workbook.getWorksheet(SHEETS.statusLog)) return;
  const read = readRows(workbook, SHEETS.statusLog, STATUS_LOG_COLUMNS, problems, []);
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

