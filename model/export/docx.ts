/**
 * Word (.docx) in the layout of a real helhedsplan: a title page, a table of contents, the chapter
 * "Forandringsteori" on landscape pages (the whole plan's figure, then per indsatsområde its own figure and its
 * chains told in words), a section per indsatsområde with its
 * activities, each activity as the plan's two-column table, and a chapter with the coverage and the open findings.
 * Built-in heading styles so Word's table of contents works. Fields a plan lacks are left out, not printed empty.
 */
import { countOf, formatDanishDate } from '../format.ts';
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, PageBreak, PageOrientation, Paragraph, ShadingType, Table, TableCell,
  TableOfContents, TableRow, TextRun, WidthType,
} from 'docx';
import { checkPlan, type CheckResult } from '../rules.ts';
import type { PlanFile } from '../schema.ts';
import { activityStories, anchoringText, chainSentence, danishNumber, indicatorRange, STATUS_DA, type ActivityStory } from './common.ts';
import { withCleanText } from '../values.ts';

/** One figure of the plan, drawn from the model (model/export/svg.ts) and rasterised by the caller. */
export interface DocxDiagram {
  /** the indsatsområde it shows; absent for the pages of the whole-plan overview (in order) */
  focusArea?: string;
  png: Uint8Array;
  /** the figure's size in SVG pixels (its aspect ratio; it is scaled to the page) */
  width: number;
  height: number;
}

export interface DocxOptions {
  /** the overview (no focusArea) and one figure per indsatsområde; server/render.ts makes them */
  diagrams?: DocxDiagram[];
  /** today's date for the title page; a parameter so output can be reproduced */
  date?: Date;
}

/** A4 in twips (1/20 pt), 2 cm margins. docx swaps width and height itself for landscape. */
const A4_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134 };
const A4_PORTRAIT = { size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT }, margin: A4_MARGIN };
const A4_LANDSCAPE = { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: A4_MARGIN };

const LABEL_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E6EEF0' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

function cellParagraphs(value: string | string[]): Paragraph[] {
  const lines = Array.isArray(value) ? value : [value];
  return lines.map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 60 } }));
}

/** The plan's two-column activity table; rows without content are left out. */
function twoColumnTable(rows: [label: string, value: string | string[] | undefined][]): Table {
  const present = rows.filter(([, value]) => (Array.isArray(value) ? value.length > 0 : Boolean(value && value.trim())));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, 6000],
    rows: present.map(([label, value]) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: 32, type: WidthType.PERCENTAGE }, shading: LABEL_SHADING, borders: BORDERS,
            children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })] }),
          new TableCell({ width: { size: 68, type: WidthType.PERCENTAGE }, borders: BORDERS, children: cellParagraphs(value!) }),
        ],
      })),
  });
}

function successCriteria(story: ActivityStory): string[] {
  return story.indicators
    .filter(({ indicator }) => indicator.target?.value !== undefined)
    .map(({ indicator, measures }) => {
      const target = danishNumber(indicator.target!.value!, indicator.unit);
      return `${measures.title} (succeskriterium: ${target}${indicator.target!.year ? ` i ${indicator.target!.year}` : ''})`;
    });
}

function indicatorLines(story: ActivityStory): string[] {
  return story.indicators.map(({ indicator }) => {
    const range = indicatorRange(indicator);
    const source = indicator.source ? `; kilde: ${indicator.source}` : '';
    const frequency = indicator.frequency ? `; ${indicator.frequency}` : '';
    return `${indicator.title}${range ? `: ${range}` : ''}${source}${frequency}`;
  });
}

function activitySection(story: ActivityStory): (Paragraph | Table)[] {
  const a = story.activity;
  return [
    heading(a.title, HeadingLevel.HEADING_3),
    twoColumnTable([
      ['Formål', a.description],
      ['Målgruppe', a.targetGroup],
      ['Ansvarlig', a.responsible],
      ['Medarbejderressourcer', a.resources],
      ['Succeskriterier', successCriteria(story)],
      ['Indikatorer', indicatorLines(story)],
      ['Bidrager til mål', story.goals.map((g) => g.title)],
      ['Samarbejdsrelationer', a.partners ?? []],
      ['Lokal evaluering', a.localEvaluation],
      ['Forankring', anchoringText(a)],
      ['Fremdrift', a.status ? STATUS_DA[a.status] : undefined],
    ]),
    new Paragraph({ text: '' }),
  ];
}

function focusAreaSections(plan: PlanFile, stories: ActivityStory[]): (Paragraph | Table)[] {
  const areas = [...(plan.focusAreas ?? []), { id: undefined, title: 'Aktiviteter uden indsatsområde', purpose: undefined, problem: undefined }];
  return areas.flatMap((area) => {
    const inArea = stories.filter((s) => s.activity.focusArea === area.id);
    if (inArea.length === 0 && area.id === undefined) return [];
    return [
      heading(area.title, HeadingLevel.HEADING_1),
      ...(area.problem ? [heading('Problemkompleks', HeadingLevel.HEADING_2), para(area.problem)] : []),
      ...(area.purpose?.length ? [heading('Formål', HeadingLevel.HEADING_2), ...area.purpose.map(bullet)] : []),
      ...(inArea.length > 0 ? [heading('Aktiviteter', HeadingLevel.HEADING_2), ...inArea.map((s) => bullet(s.activity.title))] : []),
      ...inArea.flatMap(activitySection),
    ];
  });
}

/** Room for a figure on a landscape A4 page (2 cm margins, a heading and a caption), in Word's pixels (96 per inch). */
export const FIGURE_BOX = { width: 960, height: 580 };

/** Landscape A4's writing height (21 cm less 2 × 2 cm margins) in Word's pixels. */
const LANDSCAPE_TEXT_HEIGHT = 640;

/** The chapter's opening text before the overview's first page, in Word's pixels (a generous estimate: about 110 characters a line). */
function overviewIntro(plan: PlanFile): string[] {
  return [...(plan.plan.vision ? [plan.plan.vision] : []), OVERVIEW_INTRO];
}
const OVERVIEW_INTRO = 'Oversigten viser planens kort pr. indsatsområde i kædens rækkefølge: aktiviteter, output, resultater, effekter, de mål, ' +
  'indsatsområdet bidrager til, og indikatorerne. Hvordan kortene hænger sammen, viser figuren for hvert indsatsområde.';

/** Room for the overview's first page below the chapter's heading and opening text (server/render.ts draws it to fit). */
export function overviewFirstPageHeight(plan: PlanFile): number {
  const textLines = overviewIntro(plan).reduce((sum, text) => sum + Math.ceil(text.length / 110), 0);
  const used = 45 /* H1 */ + textLines * 20 + overviewIntro(plan).length * 10 + 40 /* H2 */ + 30 /* caption */;
  return Math.max(120, LANDSCAPE_TEXT_HEIGHT - used - 20);
}

/** How much a figure is scaled to fit FIGURE_BOX: its type prints at font-size × figureScale × 0.75 pt. */
export function figureScale(diagram: { width: number; height: number }): number {
  return Math.min(1, FIGURE_BOX.width / diagram.width, FIGURE_BOX.height / diagram.height);
}

function figure(diagram: DocxDiagram, caption: string): Paragraph[] {
  const scale = figureScale(diagram);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: diagram.png,
        transformation: { width: Math.round(diagram.width * scale), height: Math.round(diagram.height * scale) },
        altText: { name: caption, description: caption, title: caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `Figur: ${caption}`, italics: true, size: 18 })] }),
  ];
}

/** The chapter with the figures, on landscape pages: the whole plan, then each indsatsområde with its chains. */
function theoryChapter(plan: PlanFile, stories: ActivityStory[], options: DocxOptions): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading('Forandringsteori', HeadingLevel.HEADING_1)];
  const diagrams = options.diagrams ?? [];
  const overview = diagrams.filter((d) => d.focusArea === undefined);
  if (overview.length > 0) out.push(...overviewIntro(plan).map(para));
  else if (plan.plan.vision) out.push(para(plan.plan.vision));
  overview.forEach((page, i) => {
    const part = overview.length > 1 ? ` (${i + 1} af ${overview.length})` : '';
    // each part of the overview fills a page of its own: the type stays the same size at any plan size
    out.push(i === 0 ? heading('Hele planen', HeadingLevel.HEADING_2)
      : new Paragraph({ children: [new TextRun({ text: `Hele planen, fortsat${part}`, bold: true })], pageBreakBefore: true }));
    out.push(...figure(page, `Forandringsteorien for ${plan.plan.title}${part}`));
  });
  const areas = [...(plan.focusAreas ?? []).map((a) => ({ id: a.id as string | undefined, title: a.title })), { id: undefined, title: 'Uden indsatsområde' }];
  for (const area of areas) {
    const inArea = stories.filter((s) => s.activity.focusArea === area.id);
    const pages = area.id === undefined ? [] : diagrams.filter((d) => d.focusArea === area.id);
    if (inArea.length === 0 && pages.length === 0) continue;
    // each area starts a page (pageBreakBefore, not a break paragraph: that leaves a blank page after a full one)
    out.push(new Paragraph({ text: area.title, heading: HeadingLevel.HEADING_2, pageBreakBefore: true }));
    pages.forEach((page, i) => {
      const part = pages.length > 1 ? ` (${i + 1} af ${pages.length})` : '';
      if (i > 0) out.push(new Paragraph({ children: [new TextRun({ text: `${area.title}, fortsat${part}`, bold: true })], pageBreakBefore: true }));
      out.push(...figure(page, `Forandringsteorien for indsatsområdet ${area.title}${part}`));
    });
    out.push(...inArea.map((s) => bullet(chainSentence(s))));
  }
  return out;
}

function coverageChapter(plan: PlanFile, check: CheckResult): (Paragraph | Table)[] {
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const c = check.coverage;
  const header = (text: string) => new TableCell({ shading: LABEL_SHADING, borders: BORDERS, children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] });
  const cell = (text: string) => new TableCell({ borders: BORDERS, children: cellParagraphs(text) });
  const matrix = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [header('Mål'), header('Aktiviteter, der bidrager'), header('Antal')] }),
      ...c.matrix.map((row) => new TableRow({ children: [
        cell(titles.get(row.goal) ?? row.goal),
        cell(row.activities.length > 0 ? row.activities.map((id) => titles.get(id) ?? id).join(', ') : 'Ingen aktivitet: målet er ikke dækket'),
        cell(String(row.activities.length)),
      ] })),
    ],
  });
  const bySeverity = (severity: string) => check.findings.filter((f) => f.severity === severity);
  const findingList = (title: string, severity: string) => {
    const items = bySeverity(severity);
    return items.length === 0 ? [] : [heading(`${title} (${items.length})`, HeadingLevel.HEADING_3), ...items.map((f) => bullet(f.message))];
  };
  return [
    heading('Dækning og opfølgning', HeadingLevel.HEADING_1),
    para(`${c.goalsCovered} af ${c.goals} mål er dækket af mindst én aktivitet. ${c.activitiesWithGoal} af ${countOf(c.activities, 'aktivitet', 'aktiviteter')} bidrager til et mål, ` +
      `${c.activitiesWithIndicator} måles af en indikator, og ${c.activitiesWithOutcomeIndicator} følges op på resultater eller effekter.`),
    heading('Dækning af målene', HeadingLevel.HEADING_2),
    matrix,
    heading('Åbne fund', HeadingLevel.HEADING_2),
    ...(check.findings.length === 0 ? [para('Tjekket fandt ingen mangler.')] : [
      ...findingList('Fejl', 'error'), ...findingList('Advarsler', 'warning'), ...findingList('Oplysninger', 'info'),
    ]),
  ];
}

function titlePage(plan: PlanFile, date: Date): Paragraph[] {
  const info = plan.plan;
  const period = info.period ? `${info.period.from}–${info.period.to}` : undefined;
  const sub = [info.organisation, info.area, period].filter(Boolean).join(' · ');
  return [
    new Paragraph({ text: info.title, heading: HeadingLevel.TITLE, spacing: { before: 2400 } }),
    new Paragraph({ children: [new TextRun({ text: 'Forandringsteori for den boligsociale helhedsplan', size: 32 })] }),
    ...(sub ? [new Paragraph({ children: [new TextRun({ text: sub, size: 24 })], spacing: { before: 240 } })] : []),
    new Paragraph({ children: [new TextRun({ text: formatDanishDate(date), size: 22, color: '5B6675' })], spacing: { before: 480 } }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

export function buildDocx(plan: PlanFile, options: DocxOptions = {}): Document {
  const stories = activityStories(plan);
  const check = checkPlan(plan);
  return new Document({
    creator: 'Forandringskort',
    title: plan.plan.title,
    description: `Forandringsteori for ${plan.plan.title}`,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      { properties: { page: A4_PORTRAIT }, children: [
        ...titlePage(plan, options.date ?? new Date()),
        new Paragraph({ children: [new TextRun({ text: 'Indhold', bold: true, size: 32 })] }),
        new TableOfContents('Indhold', { hyperlink: true, headingStyleRange: '1-3' }),
      ] },
      // the figures need the page's width: a landscape section, then back to portrait for the plan's text
      { properties: { page: A4_LANDSCAPE }, children: theoryChapter(plan, stories, options) },
      { properties: { page: A4_PORTRAIT }, children: [...focusAreaSections(plan, stories), ...coverageChapter(plan, check)] },
    ],
  });
}

/** The .docx file's bytes. */
export async function exportDocx(stored: PlanFile, options: DocxOptions = {}): Promise<Uint8Array> {
  const plan = withCleanText(stored); // XML allows no control characters: the document is always well-formed
  const blob = await Packer.toBlob(buildDocx(plan, options));
  return new Uint8Array(await blob.arrayBuffer());
}

