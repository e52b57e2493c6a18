/**
 * Word "Statusrapport {år}" for the board, in the manner of Copenhagen's evaluation note (orienteringsnotat): a short
 * head, the meaning of rød / gul / grøn, per indsatsområde an overview table (aktivitet, fremdrift, indikatorer with
 * delmål, måling and status; colour always with its word), a chart per indikator, and per mål the counts of section 5.
 * Charts come in as PNG from the caller (the server renders the model's ECharts option), so this file stays pure.
 */
import { countOf, formatDanishDate } from '../format.ts';
import {
  BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlign, WidthType,
} from 'docx';
import { columnWidthsFromContent, type CellText } from './column-widths.ts';
import { pageFooter } from './docx.ts';
import type { PlanFile, PlanNode, Status } from '../schema.ts';
import { formatDateDa, formatValueDa, statusOverview, type ActivityOverview, type IndicatorLine } from '../status-report.ts';
import {
  FREMDRIFT_COLOURS, FREMDRIFT_LABELS_DA, INDICATOR_STATUS_COLOURS, INDICATOR_STATUS_STRIPE, INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUSES, planStatus,
  type IndicatorStatus,
} from '../status.ts';

export interface StatusReportOptions {
  /** the report's year; the current year when absent */
  year?: number;
  /** one indikator's chart as PNG with its size in points; none means no charts */
  chartPng?: (node: PlanNode, year: number) => { png: Uint8Array; width: number; height: number } | null;
  date?: Date;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const HEAD_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E6EEF0' };

/** A4 portrait less the 1000-twip margins: the width every table spans. */
const TEXT_WIDTH = 11906 - 2 * 1000;
/** Table text is 9 pt (docx sizes are half-points). */
const TABLE_PT = 9;

const para = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string; keepNext?: boolean } = {}) => {
  const { keepNext, ...run } = options;
  return new Paragraph({ children: [new TextRun({ text, ...run })], spacing: { after: 120 }, keepNext });
};
// a heading never stands alone at the foot of a page
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level, keepNext: true, keepLines: true });

/** "Ikke målt" is shaded with thin stripes as well as its own colour, so it reads apart from the others in grey print too. */
function shadingOf(fill: string, striped: boolean) {
  const hex = fill.replace('#', '');
  return striped ? { type: ShadingType.THIN_DIAGONAL_STRIPE, color: INDICATOR_STATUS_STRIPE.replace('#', ''), fill: hex } : { type: ShadingType.CLEAR, color: 'auto', fill: hex };
}

function cell(text: string, options: { bold?: boolean; fill?: string; striped?: boolean; color?: string; span?: number; width?: number } = {}): TableCell {
  return new TableCell({
    borders: BORDERS,
    verticalAlign: VerticalAlign.TOP,
    ...(options.span ? { rowSpan: options.span } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    ...(options.fill ? { shading: shadingOf(options.fill, options.striped ?? false) } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold, color: options.color, size: TABLE_PT * 2 })] })],
  });
}

const headerRow = (labels: string[], widths: number[]) =>
  new TableRow({ tableHeader: true, cantSplit: true, children: labels.map((label, i) => new TableCell({ borders: BORDERS, shading: HEAD_SHADING,
    width: { size: widths[i]!, type: WidthType.DXA },
    children: [new Paragraph({ children: [new TextRun({ text: label, bold: true, size: TABLE_PT * 2 })] })] })) });

/** A table of fixed column widths (Word and LibreOffice keep them as given, rather than re-fitting on opening). */
const fixedTable = (widths: number[], rows: TableRow[]) =>
  new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, layout: TableLayoutType.FIXED, columnWidths: widths, rows });

const statusCell = (status: IndicatorStatus, width: number) =>
  cell(INDICATOR_STATUS_LABELS_DA[status], { fill: INDICATOR_STATUS_COLOURS[status], striped: status === 'ikke-maalt', color: 'FFFFFF', bold: true, width });

function fremdriftLines(activity: ActivityOverview): string[] {
  const status: Status | null = activity.fremdrift;
  const lines = [status ? FREMDRIFT_LABELS_DA[status] : 'Ikke vurderet'];
  if (activity.latest) lines.push(`${formatDateDa(activity.latest.date)}${activity.latest.by ? `, ${activity.latest.by}` : ''}${activity.latest.note ? `: ${activity.latest.note}` : ''}`);
  return lines;
}

function fremdriftCell(activity: ActivityOverview, span: number, width: number): TableCell {
  const status: Status | null = activity.fremdrift;
  const lines = fremdriftLines(activity);
  return new TableCell({
    borders: BORDERS,
    rowSpan: span,
    width: { size: width, type: WidthType.DXA },
    ...(status ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: FREMDRIFT_COLOURS[status].replace('#', '') } } : {}),
    children: lines.map((line, index) => new Paragraph({ children: [new TextRun({
      text: line, bold: index === 0, size: 18, color: status && status !== 'gul' ? 'FFFFFF' : '1D1D1D' })] })),
  });
}

function measuredText(line: IndicatorLine): string {
  if (!line.measurement) return '–';
  return `${formatValueDa(line.row.measured)} (${formatDateDa(line.measurement.date)})`;
}

const indicatorTitle = (line: IndicatorLine) => (line.node.unit ? `${line.node.title} (${line.node.unit})` : line.node.title);
const NO_INDICATOR = 'Ingen indikator måler aktiviteten';

/** Aktivitet | Fremdrift | Indikator | Delmål | Måling | Status; an activity spans its indicators' rows. */
function overviewTable(activities: ActivityOverview[], year: number): Table {
  const header = ['Aktivitet', 'Fremdrift', 'Indikator', `Delmål ${year}`, 'Måling', 'Status'];
  const columns: CellText[][] = header.map((text) => [{ text, bold: true }]);
  columns[5]!.push(...INDICATOR_STATUSES.map((s) => ({ text: INDICATOR_STATUS_LABELS_DA[s], bold: true, keep: true })));
  for (const activity of activities) {
    columns[0]!.push({ text: activity.node.title, bold: true });
    fremdriftLines(activity).forEach((text, i) => columns[1]!.push({ text, bold: i === 0, keep: i === 0 }));
    if (activity.indicators.length === 0) columns[2]!.push({ text: NO_INDICATOR });
    for (const line of activity.indicators) {
      columns[2]!.push({ text: indicatorTitle(line) });
      columns[3]!.push({ text: formatValueDa(line.row.milestone) });
      columns[4]!.push({ text: measuredText(line) });
      columns[5]!.push({ text: INDICATOR_STATUS_LABELS_DA[line.row.status], bold: true, keep: true });
    }
  }
  const w = columnWidthsFromContent(columns, TEXT_WIDTH, TABLE_PT);
  const rows = [headerRow(header, w)];
  for (const activity of activities) {
    const lines = activity.indicators;
    const span = Math.max(1, lines.length);
    const first = [cell(activity.node.title, { bold: true, span, width: w[0] }), fremdriftCell(activity, span, w[1]!)];
    if (lines.length === 0) {
      rows.push(new TableRow({ cantSplit: true, children: [...first, cell(NO_INDICATOR, { width: w[2] }), cell('–', { width: w[3] }), cell('–', { width: w[4] }), cell('–', { width: w[5] })] }));
      continue;
    }
    lines.forEach((line, index) => {
      rows.push(new TableRow({ cantSplit: true, children: [
        ...(index === 0 ? first : []),
        cell(indicatorTitle(line), { width: w[2] }), cell(formatValueDa(line.row.milestone), { width: w[3] }), cell(measuredText(line), { width: w[4] }),
        statusCell(line.row.status, w[5]!),
      ] }));
    });
  }
  return fixedTable(w, rows);
}

function charts(activities: ActivityOverview[], year: number, options: StatusReportOptions): Paragraph[] {
  if (!options.chartPng) return [];
  const out: Paragraph[] = [];
  const seen = new Set<string>();
  for (const activity of activities) {
    for (const line of activity.indicators) {
      if (seen.has(line.node.id)) continue;
      seen.add(line.node.id);
      const chart = options.chartPng(line.node, year);
      if (!chart) continue;
      out.push(new Paragraph({ keepNext: true, spacing: { before: 200 }, children: [new TextRun({ text: line.node.title, bold: true, size: 20 }),
        new TextRun({ text: `  ${INDICATOR_STATUS_LABELS_DA[line.row.status]} i ${year}`, size: 18, color: INDICATOR_STATUS_COLOURS[line.row.status].replace('#', '') })] }));
      out.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: chart.width, height: chart.height },
        altText: { name: line.node.title, title: line.node.title, description: `Målinger og delmål over årene for ${line.node.title}` } })] }));
    }
  }
  return out.length === 0 ? [] : [heading('Udvikling pr. indikator', HeadingLevel.HEADING_3), ...out];
}

function goalTable(plan: PlanFile, overview: ReturnType<typeof statusOverview>): Table {
  const header = ['Mål', ...INDICATOR_STATUSES.map((s) => INDICATOR_STATUS_LABELS_DA[s]), 'Indikatorerne bag målet'];
  const columns: CellText[][] = header.map((text) => [{ text, bold: true }]);
  for (const goal of overview.goals) {
    columns[0]!.push({ text: goal.node.title, bold: true });
    for (const line of goal.indicators) columns[5]!.push({ text: `${line.node.title}: ${INDICATOR_STATUS_LABELS_DA[line.row.status]}` });
  }
  const w = columnWidthsFromContent(columns, TEXT_WIDTH, TABLE_PT);
  return fixedTable(w, [
      headerRow(header, w),
      ...overview.goals.map((goal) => new TableRow({ cantSplit: true, children: [
        cell(goal.node.title, { bold: true, width: w[0] }),
        ...INDICATOR_STATUSES.map((s, i) => cell(String(goal.counts[s]), goal.counts[s] > 0 && (s === 'naaet' || s === 'ikke-naaet')
          ? { fill: INDICATOR_STATUS_COLOURS[s], color: 'FFFFFF', bold: true, width: w[i + 1] } : { width: w[i + 1] })),
        new TableCell({ borders: BORDERS, width: { size: w[5]!, type: WidthType.DXA }, children: goal.indicators.length === 0
          ? [new Paragraph({ children: [new TextRun({ text: 'ingen', italics: true, size: 16 })] })]
          : goal.indicators.map((line) => new Paragraph({ children: [new TextRun({ text: `${line.node.title}: `, size: 16 }),
            new TextRun({ text: INDICATOR_STATUS_LABELS_DA[line.row.status], bold: true, size: 16, color: INDICATOR_STATUS_COLOURS[line.row.status].replace('#', '') })] })) }),
      ] })),
  ]);
}

const QUARTERS = [0, 1, 2, 3].map((i) => Math.floor(TEXT_WIDTH / 4) + (i === 3 ? TEXT_WIDTH % 4 : 0));

export function buildStatusReport(plan: PlanFile, options: StatusReportOptions = {}): Document {
  const year = options.year ?? new Date().getFullYear();
  const status = planStatus(plan, year);
  const overview = statusOverview(plan, status);
  const info = plan.plan;
  const totals = { naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
  for (const row of status.indicators) totals[row.status]++;
  const date = formatDanishDate(options.date ?? new Date());
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: `Statusrapport ${year}`, heading: HeadingLevel.TITLE }),
    para([info.title, info.organisation, info.area].filter(Boolean).join(' · '), { size: 26 }),
    para(date, { color: '5B6675' }),
    para(`Notatet giver bestyrelsen status på helhedsplanens forandringsteori for ${year}: hvor langt hver aktivitet er nået (fremdrift), ` +
      `om årets delmål (succeskriterier) er nået, og hvordan det står til med de mål, aktiviteterne skal bidrage til.`),
    heading('Sådan læses notatet', HeadingLevel.HEADING_2),
    para('Fremdriften er vurderet med farverne rød, gul og grøn:'),
    para('Rød angiver, at der er betydelige problemer med aktivitetens fremdrift, og at de ønskede resultater endnu ikke er opnået.'),
    para('Gul angiver, at der er visse problemer med aktivitetens fremdrift.'),
    para('Grøn angiver en generel god fremdrift.'),
    para(`En indikator er nået, når årets måling er mindst delmålet (eller højst, hvor lavere er bedre). Ikke målt betyder, at der er et delmål for ${year}, men ingen måling; uden delmål, at planen ikke har sat et delmål for ${year}.`),
    heading('Samlet billede', HeadingLevel.HEADING_2),
    fixedTable(QUARTERS, [
      headerRow(INDICATOR_STATUSES.map((s) => INDICATOR_STATUS_LABELS_DA[s]), QUARTERS),
      new TableRow({ cantSplit: true, children: INDICATOR_STATUSES.map((s, i) => cell(countOf(totals[s], 'indikator', 'indikatorer'), { width: QUARTERS[i] })) }),
    ]),
  ];
  for (const group of overview.focusAreas) {
    children.push(heading(group.area ? `Indsatsområde: ${group.area.title}` : 'Aktiviteter uden indsatsområde', HeadingLevel.HEADING_2));
    children.push(overviewTable(group.activities, year));
    children.push(...charts(group.activities, year, options));
  }
  if (overview.goals.length > 0) {
    children.push(heading('Målene', HeadingLevel.HEADING_2));
    children.push(para(`Pr. mål: indikatorerne bag målet (dets egne og dem på de aktiviteter, der bidrager til det) fordelt på status i ${year}.`, { keepNext: true }));
    children.push(goalTable(plan, overview));
  }
  return new Document({
    creator: 'Forandringskort',
    title: `Statusrapport ${year}: ${info.title}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
      footers: { default: pageFooter(`Statusrapport ${year}: ${info.title}`) }, children }],
  });
}

export async function exportStatusReport(plan: PlanFile, options: StatusReportOptions = {}): Promise<Uint8Array> {
  const blob = await Packer.toBlob(buildStatusReport(plan, options));
  return new Uint8Array(await blob.arrayBuffer());
}

