/**
 * Word "Porteføljeoversigt {år}" for the coordinator who follows several helhedsplaner: the overview tables of all
 * plans with the totals, the red activities with their latest note, per shared indikator code a chart across plans
 * and its table, and then a page per plan with its figures. Like the Statusrapport, colour is always with its word,
 * nothing dated after 31 December of the year is shown, and the charts come in as PNG from the caller (the server
 * renders model/portfolio-chart.ts's option), so this file stays pure.
 */
import {
  BorderStyle, Document, HeadingLevel, ImageRun, PageOrientation, Packer, Paragraph, ShadingType, Table, TableCell, TableRow,
  TextRun, WidthType,
} from 'docx';
import { countOf, formatDanishDate, formatDanishNumber } from '../format.ts';
import { summarizePortfolio, type PlanSummary, type PortfolioEntry, type PortfolioSummary, type SharedCode } from '../portfolio.ts';
import {
  baselineText, checkText, coverageLines, DIRECTION_LABELS_DA, FREMDRIFT_KEY_LABELS_DA, latestText, periodText, redActivityText, valueText,
} from '../portfolio-report.ts';
import {
  FREMDRIFT_COLOURS, INDICATOR_STATUS_COLOURS, INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUSES, planStatus, type IndicatorStatus,
} from '../status.ts';
import type { PlanFile } from '../schema.ts';
import type { FremdriftKey } from '../portfolio.ts';

export interface PortfolioDocxOptions {
  year: number;
  /** the portfolio's own title ("Helhedsplaner i Odense Kommune"); the document's subtitle */
  title?: string;
  /** one code's chart across plans as PNG with its size in points; none means no charts */
  chartPng?: (code: SharedCode, entries: readonly PortfolioEntry[], year: number) => { png: Uint8Array; width: number; height: number } | null;
  date?: Date;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const HEAD_FILL = 'E6EEF0';
const TOTAL_FILL = 'F3F5F7';
const FREMDRIFT_KEYS: FremdriftKey[] = ['groen', 'gul', 'roed', 'none'];

const para = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 120 } });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
  new Paragraph({ text, heading: level, keepNext: true, pageBreakBefore, spacing: { before: pageBreakBefore ? 0 : 280, after: 100 } });

interface CellOptions { bold?: boolean; fill?: string; color?: string; right?: boolean }

function cell(text: string, options: CellOptions = {}): TableCell {
  return new TableCell({
    borders: BORDERS,
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill.replace('#', '') } } : {}),
    children: [new Paragraph({ alignment: options.right ? 'right' : 'left',
      children: [new TextRun({ text, bold: options.bold, color: options.color, size: 18 })] })],
  });
}

const numberCell = (value: number, options: CellOptions = {}) => cell(formatDanishNumber(value), { right: true, ...options });

function headerRow(labels: string[]): TableRow {
  return new TableRow({ tableHeader: true, cantSplit: true, children: labels.map((label) => cell(label, { bold: true, fill: HEAD_FILL })) });
}

function table(rows: TableRow[], columnWidths: number[]): Table {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths, rows });
}

/** A count in a status colour when it is not zero (with white text), plain when it is. */
function statusCountCell(value: number, colour: string, options: CellOptions = {}): TableCell {
  return value > 0 ? numberCell(value, { ...options, fill: colour, color: 'FFFFFF', bold: true }) : numberCell(value, options);
}

function fremdriftColour(key: FremdriftKey): string | null {
  return key === 'none' ? null : FREMDRIFT_COLOURS[key];
}

function fremdriftCountCell(key: FremdriftKey, value: number, options: CellOptions = {}): TableCell {
  const colour = fremdriftColour(key);
  if (!colour || value === 0) return numberCell(value, options);
  // yellow is too light for white text (the Statusrapport writes dark text on it too)
  return numberCell(value, { ...options, fill: colour, color: key === 'gul' ? '1D1D1D' : 'FFFFFF', bold: true });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${formatDanishNumber(part)} af ${formatDanishNumber(whole)}`;
}

/** Plan | Område | Periode | Fejl | Advarsler | Mål dækket | Aktiviteter med mål | Aktiviteter målt; then I alt. */
function checkTable(summary: PortfolioSummary): Table {
  const row = (name: string, area: string, period: string, p: Pick<PlanSummary, 'errors' | 'warnings' | 'coverage'>, options: CellOptions = {}) =>
    new TableRow({ cantSplit: true, children: [
      cell(name, { bold: true, ...options }), cell(area, options), cell(period, options),
      numberCell(p.errors, options), numberCell(p.warnings, options),
      cell(percent(p.coverage.goalsCovered, p.coverage.goals), { right: true, ...options }),
      cell(percent(p.coverage.activitiesWithGoal, p.coverage.activities), { right: true, ...options }),
      cell(percent(p.coverage.activitiesWithIndicator, p.coverage.activities), { right: true, ...options }),
    ] });
  return table([
    headerRow(['Plan', 'Område', 'Periode', 'Fejl', 'Advarsler', 'Mål dækket', 'Aktiviteter, der bidrager til et mål', 'Aktiviteter, der måles']),
    ...summary.plans.map((p) => row(p.title || p.id, p.area ?? '–', periodText(p.period), p)),
    row('I alt', countOf(summary.totals.plans, 'plan', 'planer'), '', summary.totals, { fill: TOTAL_FILL }),
  ], [2600, 2000, 1000, 700, 1000, 1200, 1500, 1300]);
}

/** Plan | Indikatorer | Nået | Ikke nået | Ikke målt | Uden delmål | Grøn | Gul | Rød | Ikke vurderet; then I alt. */
function followUpTable(summary: PortfolioSummary): Table {
  const row = (name: string, p: Pick<PlanSummary, 'indicators' | 'fremdrift'>, options: CellOptions = {}) =>
    new TableRow({ cantSplit: true, children: [
      cell(name, { bold: true, ...options }), numberCell(p.indicators.total, options),
      ...INDICATOR_STATUSES.map((s) => (s === 'naaet' || s === 'ikke-naaet'
        ? statusCountCell(p.indicators[s], INDICATOR_STATUS_COLOURS[s], options) : numberCell(p.indicators[s], options))),
      ...FREMDRIFT_KEYS.map((key) => fremdriftCountCell(key, p.fremdrift[key], options)),
    ] });
  return table([
    headerRow(['Plan', 'Indikatorer', ...INDICATOR_STATUSES.map((s) => INDICATOR_STATUS_LABELS_DA[s]), ...FREMDRIFT_KEYS.map((k) => FREMDRIFT_KEY_LABELS_DA[k])]),
    ...summary.plans.map((p) => row(p.title || p.id, p)),
    row('I alt', summary.totals, { fill: TOTAL_FILL }),
  ], [2700, 1100, 900, 1000, 1000, 1100, 800, 800, 800, 1100]);
}

function redTable(summary: PortfolioSummary): Table | Paragraph {
  const rows = summary.plans.flatMap((plan) => plan.redActivities.map((activity) => new TableRow({ cantSplit: true, children: [
    cell(plan.title || plan.id), cell(activity.title || activity.id, { bold: true }),
    cell(activity.since ? formatDanishDate(activity.since) : 'uden dato'),
    cell(activity.note ? `${formatDanishDate(activity.note.date)}${activity.note.by ? `, ${activity.note.by}` : ''}: ${activity.note.note}` : 'ingen note'),
  ] })));
  if (rows.length === 0) return para(`Ingen aktiviteter er vurderet røde i ${summary.year}.`, { italics: true });
  return table([headerRow(['Plan', 'Aktivitet', 'Rød siden', 'Seneste note']), ...rows], [2600, 2600, 1200, 6200]);
}

function statusCell(status: IndicatorStatus): TableCell {
  return cell(INDICATOR_STATUS_LABELS_DA[status], { fill: INDICATOR_STATUS_COLOURS[status], color: 'FFFFFF', bold: true });
}

/** A code's heading, chart and table; from the second code on, each on a page of its own (chart and table together). */
function codeSection(code: SharedCode, first: boolean, summary: PortfolioSummary, entries: readonly PortfolioEntry[], options: PortfolioDocxOptions): Array<Paragraph | Table> {
  const titles = new Map(summary.plans.map((p) => [p.id, p.title || p.id]));
  const out: Array<Paragraph | Table> = [heading(`${code.code} (${countOf(code.plans, 'plan', 'planer')})`, HeadingLevel.HEADING_2, !first)];
  const chart = options.chartPng?.(code, entries, summary.year);
  if (chart) {
    out.push(new Paragraph({ keepNext: true, children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: chart.width, height: chart.height },
      altText: { name: code.code, title: code.code, description: `Målinger over årene for ${code.code} i ${code.rows.map((r) => titles.get(r.plan)).join(', ')}` } })] }));
  }
  out.push(table([
    headerRow(['Plan', 'Indikator', 'Retning', 'Udgangspunkt', `Delmål ${summary.year}`, 'Seneste måling', 'Status']),
    ...code.rows.map((row) => new TableRow({ cantSplit: true, children: [
      cell(titles.get(row.plan) ?? row.plan, { bold: true }), cell(row.unit ? `${row.title} (${row.unit})` : row.title), cell(DIRECTION_LABELS_DA[row.direction]),
      cell(baselineText(row)), cell(valueText(row.milestone, row.unit)), cell(latestText(row)), statusCell(row.status),
    ] })),
  ], [2000, 3200, 1300, 1400, 1200, 1600, 1100]));
  return out;
}

/** The indikatorer with a milestone in the year: what the board asks about first. */
function milestoneTable(plan: PlanFile, year: number): Table | Paragraph {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const rows = planStatus(plan, year).indicators.filter((r) => r.status !== 'uden-delmaal');
  if (rows.length === 0) return para(`Planen har ingen delmål for ${year}.`, { italics: true });
  return table([
    headerRow(['Indikator', `Delmål ${year}`, `Måling ${year}`, 'Status']),
    ...rows.map((row) => {
      const node = byId.get(row.id)!;
      return new TableRow({ cantSplit: true, children: [
        cell(node.unit ? `${node.title} (${node.unit})` : node.title), cell(valueText(row.milestone)), cell(valueText(row.measured)), statusCell(row.status),
      ] });
    }),
  ], [6600, 1600, 1600, 1200]);
}

function planPage(plan: PlanSummary, file: PlanFile, year: number): Array<Paragraph | Table> {
  const facts = [plan.organisation, plan.area, periodText(plan.period)].filter(Boolean).join(' · ');
  const out: Array<Paragraph | Table> = [
    heading(plan.title || plan.id, HeadingLevel.HEADING_2, true),
    para(facts, { color: '5B6675' }),
    heading('Tjek og dækning', HeadingLevel.HEADING_3),
    para(`Tjekket finder ${checkText(plan)}.`),
    ...coverageLines(plan.coverage).map((line) => para(`${line.charAt(0).toUpperCase()}${line.slice(1)}.`)),
    heading(`Opfølgning ${year}`, HeadingLevel.HEADING_3),
    table([
      headerRow(['Indikatorer', ...INDICATOR_STATUSES.map((s) => INDICATOR_STATUS_LABELS_DA[s])]),
      new TableRow({ children: [numberCell(plan.indicators.total), ...INDICATOR_STATUSES.map((s) => (s === 'naaet' || s === 'ikke-naaet'
        ? statusCountCell(plan.indicators[s], INDICATOR_STATUS_COLOURS[s]) : numberCell(plan.indicators[s])))] }),
    ], [2200, 2200, 2200, 2200, 2200]),
    para(''),
    table([
      headerRow(['Aktiviteter', ...FREMDRIFT_KEYS.map((k) => FREMDRIFT_KEY_LABELS_DA[k])]),
      new TableRow({ children: [numberCell(plan.coverage.activities), ...FREMDRIFT_KEYS.map((k) => fremdriftCountCell(k, plan.fremdrift[k]))] }),
    ], [2200, 2200, 2200, 2200, 2200]),
    heading(`Indikatorer med delmål i ${year}`, HeadingLevel.HEADING_3),
    milestoneTable(file, year),
    heading('Røde aktiviteter', HeadingLevel.HEADING_3),
  ];
  if (plan.redActivities.length === 0) out.push(para(`Ingen aktiviteter er vurderet røde i ${year}.`, { italics: true }));
  else for (const activity of plan.redActivities) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: redActivityText(activity), size: 20 })] }));
  return out;
}

export function buildPortfolioDocx(entries: readonly PortfolioEntry[], options: PortfolioDocxOptions): Document {
  const { year } = options;
  const summary = summarizePortfolio(entries, { year });
  const date = formatDanishDate(options.date ?? new Date());
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: `Porteføljeoversigt ${year}`, heading: HeadingLevel.TITLE }),
    para([options.title, countOf(summary.totals.plans, 'helhedsplan', 'helhedsplaner')].filter(Boolean).join(' · '), { size: 26 }),
    para(date, { color: '5B6675' }),
    para(`Oversigten stiller helhedsplanerne side om side for ${year}: om forandringsteorien hænger sammen (tjek og dækning), om årets delmål er nået, ` +
      `hvordan aktiviteterne skrider frem, og hvordan de fælles indikatorer udvikler sig i områderne. Intet dateret efter 31.12.${year} er medregnet.`),
    heading('Tjek og dækning', HeadingLevel.HEADING_2),
    para('Fejl og advarsler er de samme som i planens tjek. Et mål er dækket, når mindst én aktivitet bidrager til det.'),
    checkTable(summary),
    heading(`Opfølgning ${year}`, HeadingLevel.HEADING_2),
    para(`Indikatorerne er talt efter deres status i ${year}: nået, når årets måling er mindst delmålet (eller højst, hvor lavere er bedre); ` +
      `ikke målt, når der er et delmål, men ingen måling; uden delmål, når planen ikke har sat et for ${year}. Aktiviteterne er talt efter den seneste vurdering af fremdriften i eller før ${year}.`),
    followUpTable(summary),
    heading(`Røde aktiviteter ${year}`, HeadingLevel.HEADING_2),
    redTable(summary),
  ];
  if (summary.codes.length > 0) {
    children.push(heading('Fælles indikatorer', HeadingLevel.HEADING_1, true));
    children.push(para('Indikatorer med samme kode i flere planer, fx fra Landsbyggefondens Boligsociale Data, sammenlignet på tværs. Seneste måling er den seneste til og med 31.12.' + `${year}.`));
    summary.codes.forEach((code, index) => children.push(...codeSection(code, index === 0, summary, entries, options)));
  }
  children.push(heading('Planerne', HeadingLevel.HEADING_1, true));
  children.push(para('En side pr. plan med dens tal.'));
  summary.plans.forEach((plan, index) => children.push(...planPage(plan, entries[index]!.plan, year)));
  return new Document({
    creator: 'Forandringskort',
    title: `Porteføljeoversigt ${year}${options.title ? `: ${options.title}` : ''}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 900, bottom: 900, left: 900, right: 900 } } },
      children,
    }],
  });
}

export async function exportPortfolioDocx(entries: readonly PortfolioEntry[], options: PortfolioDocxOptions): Promise<Uint8Array> {
  const blob = await Packer.toBlob(buildPortfolioDocx(entries, options));
  return new Uint8Array(await blob.arrayBuffer());
}
