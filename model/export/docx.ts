/**
 * Word (.docx) in the layout of a real helhedsplan: a title page, the contents with page numbers, then chapter S
 * (`section`, default 1) "Forandringsteori og indsatsområder": the whole plan's figure, and per indsatsområde S.k its
 * problem, purpose, chains told in words and the reasons behind the arrows (table "Antagelser"), its figure, then per
 * activity S.k.j the plan's two-column table; chapter S+1 is the tool's own (coverage, open findings; left out with
 * `planOnly`). Text stands on portrait pages, only the figures on landscape ones.
 *
 * Paper a programme manager pastes unchanged: headings numbered in their text (so the number survives a paste into
 * the plan's own document), kept with what follows; page numbers in the footer; figure captions are Word captions
 * ("Figur" + SEQ field); Danish language and quotation marks; the contents written with their page numbers (laid out
 * by docx/layout's estimator) and updated again by Word when it opens the file (updateFields). Fields a plan lacks
 * are left out, not printed empty.
 */
import { countOf, formatDanishDate } from '../format.ts';
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, ImageRun, Packer, PageBreak, PageNumber, PageOrientation, Paragraph, SequentialIdentifier,
  ShadingType, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { columnWidthsFromContent } from './column-widths.ts';
import { focusAreaNodeIds } from '../layout.ts';
import { checkPlan, type CheckResult } from '../rules.ts';
import type { PlanFile } from '../schema.ts';
import { activityStories, anchoringText, chainSentence, danishNumber, edgeReasons, indicatorRange, KIND_DA, STATUS_DA, type ActivityStory, type EdgeReason } from './common.ts';
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
  /** the chapter number of the indsatsområder (5: "5.1 Børn og unge", "5.1.1 Lektiecafé"); 1 when absent */
  section?: number;
  /** leave out the tool's own chapter (coverage and "Åbne fund") */
  planOnly?: boolean;
}

/** A4 in twips (1/20 pt), 2 cm margins. docx swaps width and height itself for landscape. */
const A4_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134 };
const A4_PORTRAIT = { size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT }, margin: A4_MARGIN };
const A4_LANDSCAPE = { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: A4_MARGIN };

const LABEL_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E6EEF0' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];
/** A heading kept with the next paragraph and on one page (Word and LibreOffice never leave it alone at a page's foot). */
const heading = (text: string, level: Level, more: { pageBreakBefore?: boolean } = {}) =>
  new Paragraph({ text, heading: level, keepNext: true, keepLines: true, ...more });
/** "5.1.1 Lektiecafé": the number is part of the heading's text, so it survives a paste into the plan's document. */
const numbered = (number: number[], text: string, level: Level, more: { pageBreakBefore?: boolean } = {}) => heading(`${number.join('.')} ${text}`, level, more);
/** A paragraph's small bold lead ("Problemkompleks"), kept with the text under it; not a heading, not in the contents. */
const lead = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })], keepNext: true, keepLines: true, spacing: { before: 160, after: 60 } });
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

function activitySection(story: ActivityStory, number: number[]): (Paragraph | Table)[] {
  const a = story.activity;
  return [
    numbered(number, a.title, HeadingLevel.HEADING_3),
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

/** Room for a figure on a landscape A4 page (2 cm margins, a heading and a caption), in Word's pixels (96 per inch). */
export const FIGURE_BOX = { width: 960, height: 580 };

/** The chapter's opening text before the overview's first page, in Word's pixels (a generous estimate: about 110 characters a line). */
function overviewIntro(plan: PlanFile): string[] {
  return [...(plan.plan.vision ? [plan.plan.vision] : []), OVERVIEW_INTRO];
}
const OVERVIEW_INTRO = 'Oversigten viser planens kort pr. indsatsområde i kædens rækkefølge: aktiviteter, output, resultater, effekter, de mål, ' +
  'indsatsområdet bidrager til, og indikatorerne. Hvordan kortene hænger sammen, viser figuren for hvert indsatsområde.';

/**
 * Room for the overview's first page (server/render.ts draws it to fit): the chapter's text stands on a portrait page
 * before it, so every page of the overview has the whole figure box less its title line.
 */
export function overviewFirstPageHeight(_plan: PlanFile): number {
  return FIGURE_BOX.height;
}

/** How much a figure is scaled to fit FIGURE_BOX: its type prints at font-size × figureScale × 0.75 pt. */
export function figureScale(diagram: { width: number; height: number }): number {
  return Math.min(1, FIGURE_BOX.width / diagram.width, FIGURE_BOX.height / diagram.height);
}

/** A figure and its caption: a Word caption (style Caption, "Figur " + SEQ Figur field), kept under the picture. */
function figure(diagram: DocxDiagram, caption: string): Paragraph[] {
  const scale = figureScale(diagram);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: diagram.png,
        transformation: { width: Math.round(diagram.width * scale), height: Math.round(diagram.height * scale) },
        altText: { name: caption, description: caption, title: caption } })],
    }),
    new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER,
      children: [new TextRun('Figur '), new SequentialIdentifier('Figur'), new TextRun(`: ${caption}`)] }),
  ];
}

/** What one section of the document holds and on which page shape. */
interface Part { landscape: boolean; children: (Paragraph | Table)[] }

/** The pages of a figure, each part after the first under a small "fortsat" line, on landscape pages. */
function figurePages(pages: DocxDiagram[], title: string, caption: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  pages.forEach((page, i) => {
    const part = pages.length > 1 ? ` (${i + 1} af ${pages.length})` : '';
    // each part fills a page of its own: the type stays the same size at any plan size
    out.push(new Paragraph({ children: [new TextRun({ text: i === 0 ? title : `${title}, fortsat${part}`, bold: true })], keepNext: true, ...(i > 0 ? { pageBreakBefore: true } : {}) }));
    out.push(...figure(page, `${caption}${part}`));
  });
  return out;
}

/** The table "Antagelser": every edge of the area's chain that carries a reason, fra → til, hvorfor, antagelser. */
function reasonsTable(plan: PlanFile, area: string): (Paragraph | Table)[] {
  const reasons = edgeReasons(plan, focusAreaNodeIds(plan, area));
  if (reasons.length === 0) return [];
  const head = (text: string, width: number) => new TableCell({ width: { size: width, type: WidthType.DXA }, shading: LABEL_SHADING, borders: BORDERS,
    children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] });
  const cell = (lines: string[], width: number) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: BORDERS, children: cellParagraphs(lines.length > 0 ? lines : ['–']) });
  // columns from content: an area whose links carry reasons but no assumptions does not keep a third of the page empty
  const fromTo = (r: EdgeReason) => `${KIND_DA[r.from.kind]}: ${r.from.title} → ${KIND_DA[r.to.kind]}: ${r.to.title}`;
  const widths = columnWidthsFromContent([
    [{ text: 'Fra → til', bold: true }, ...reasons.map((r) => ({ text: fromTo(r) }))],
    [{ text: 'Hvorfor', bold: true }, ...reasons.map((r) => ({ text: r.rationale || '–' }))],
    [{ text: 'Antagelser', bold: true }, ...reasons.flatMap((r) => (r.assumptions.length > 0 ? r.assumptions : ['–']).map((text) => ({ text })))],
  ], 11906 - A4_MARGIN.left - A4_MARGIN.right, 11);
  return [
    lead('Antagelser'),
    new Paragraph({ children: [new TextRun('Hvorfor det ene fører til det andet, og hvad der skal holde, for at det sker.')], keepNext: true, spacing: { after: 80 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: [head('Fra → til', widths[0]!), head('Hvorfor', widths[1]!), head('Antagelser', widths[2]!)] }),
        ...reasons.map((r) => new TableRow({ cantSplit: true, children: [
          cell([fromTo(r)], widths[0]!),
          cell(r.rationale ? [r.rationale] : [], widths[1]!),
          cell(r.assumptions, widths[2]!),
        ] })),
      ],
    }),
    new Paragraph({ text: '' }),
  ];
}

/**
 * Chapter S: the whole plan's figure, then per indsatsområde S.k its text (portrait), its figure (landscape) and its
 * activities S.k.j (portrait). Returns the document's parts, each a section of one page shape.
 */
function planChapter(plan: PlanFile, stories: ActivityStory[], options: DocxOptions, section: number): Part[] {
  const diagrams = options.diagrams ?? [];
  const overview = diagrams.filter((d) => d.focusArea === undefined);
  const intro: (Paragraph | Table)[] = [numbered([section], 'Forandringsteori og indsatsområder', HeadingLevel.HEADING_1)];
  if (plan.plan.vision) intro.push(para(plan.plan.vision));
  if (overview.length > 0) intro.push(...overviewIntro(plan).slice(plan.plan.vision ? 1 : 0).map(para));
  const parts: Part[] = [{ landscape: false, children: intro }];
  if (overview.length > 0) parts.push({ landscape: true, children: figurePages(overview, 'Hele planen', `Forandringsteorien for ${plan.plan.title}`) });
  const areas = [...(plan.focusAreas ?? []).map((a) => ({ id: a.id as string | undefined, title: a.title, problem: a.problem, purpose: a.purpose })),
    { id: undefined, title: 'Aktiviteter uden indsatsområde', problem: undefined, purpose: undefined }];
  let k = 0;
  for (const area of areas) {
    const inArea = stories.filter((s) => s.activity.focusArea === area.id);
    const pages = area.id === undefined ? [] : diagrams.filter((d) => d.focusArea === area.id);
    if (inArea.length === 0 && (area.id === undefined || !plan.nodes.some((n) => n.focusArea === area.id))) continue;
    k++;
    const text: (Paragraph | Table)[] = [numbered([section, k], area.title, HeadingLevel.HEADING_2, { pageBreakBefore: parts[parts.length - 1]!.landscape === false && k > 1 })];
    if (area.problem) text.push(lead('Problemkompleks'), para(area.problem));
    if (area.purpose?.length) text.push(lead('Formål'), ...area.purpose.map(bullet));
    if (inArea.length > 0) text.push(lead('Aktiviteter'), ...inArea.map((s, j) => bullet(`${[section, k, j + 1].join('.')} ${s.activity.title}`)));
    if (inArea.length > 0) text.push(lead('Sådan hænger kæderne sammen'), ...inArea.map((s) => bullet(chainSentence(s))));
    if (area.id !== undefined) text.push(...reasonsTable(plan, area.id));
    parts.push({ landscape: false, children: text });
    if (pages.length > 0) parts.push({ landscape: true, children: figurePages(pages, area.title, `Forandringsteorien for indsatsområdet ${area.title}`) });
    if (inArea.length > 0) parts.push({ landscape: false, children: inArea.flatMap((s, j) => activitySection(s, [section, k, j + 1])) });
  }
  return parts;
}

function coverageChapter(plan: PlanFile, check: CheckResult, section: number): (Paragraph | Table)[] {
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const c = check.coverage;
  const header = (text: string) => new TableCell({ shading: LABEL_SHADING, borders: BORDERS, children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] });
  const cell = (text: string) => new TableCell({ borders: BORDERS, children: cellParagraphs(text) });
  const matrix = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: [header('Mål'), header('Aktiviteter, der bidrager'), header('Antal')] }),
      ...c.matrix.map((row) => new TableRow({ cantSplit: true, children: [
        cell(titles.get(row.goal) ?? row.goal),
        cell(row.activities.length > 0 ? row.activities.map((id) => titles.get(id) ?? id).join(', ') : 'Ingen aktivitet: målet er ikke dækket'),
        cell(String(row.activities.length)),
      ] })),
    ],
  });
  const bySeverity = (severity: string) => check.findings.filter((f) => f.severity === severity);
  const findingList = (title: string, severity: string) => {
    const items = bySeverity(severity);
    return items.length === 0 ? [] : [lead(`${title} (${items.length})`), ...items.map((f) => bullet(f.message))];
  };
  return [
    numbered([section], 'Dækning og opfølgning', HeadingLevel.HEADING_1, { pageBreakBefore: true }),
    para('Kapitlet er skrevet af Forandringskort ud fra planens kort; det kan udelades af planen.'),
    para(`${c.goalsCovered} af ${c.goals} mål er dækket af mindst én aktivitet. ${c.activitiesWithGoal} af ${countOf(c.activities, 'aktivitet', 'aktiviteter')} bidrager til et mål, ` +
      `${c.activitiesWithIndicator} måles af en indikator, og ${c.activitiesWithOutcomeIndicator} følges op på resultater eller effekter.`),
    numbered([section, 1], 'Dækning af målene', HeadingLevel.HEADING_2),
    matrix,
    numbered([section, 2], 'Åbne fund', HeadingLevel.HEADING_2),
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

/** The footer of every page but the title page: the plan's title and the page number (a PAGE field). */
export const pageFooter = (title: string) => new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [
  new TextRun({ text: `${title} · side `, size: 18, color: '5B6675' }), new TextRun({ children: [PageNumber.CURRENT], size: 18, color: '5B6675' }),
] })] });

export function buildDocx(plan: PlanFile, options: DocxOptions = {}): Document {
  const stories = activityStories(plan);
  const check = checkPlan(plan);
  const section = options.section ?? 1;
  const parts = planChapter(plan, stories, options, section);
  if (!options.planOnly) parts.push({ landscape: false, children: coverageChapter(plan, check, section + 1) });
  // neighbouring parts of one page shape are one section
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && last.landscape === part.landscape) last.children.push(...part.children);
    else merged.push({ landscape: part.landscape, children: [...part.children] });
  }
  const footers = { default: pageFooter(plan.plan.title) };
  return new Document({
    creator: 'Forandringskort',
    title: plan.plan.title,
    description: `Forandringsteori for ${plan.plan.title}`,
    // the contents' page numbers are written with the file; Word updates them again when it opens it
    features: { updateFields: true },
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } } } },
      paragraphStyles: [
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true,
          run: { italics: true, size: 18, color: '44546A' }, paragraph: { spacing: { before: 60, after: 200 } } },
      ],
    },
    sections: [
      { properties: { page: A4_PORTRAIT, titlePage: true }, footers, children: [
        ...titlePage(plan, options.date ?? new Date()),
        new Paragraph({ children: [new TextRun({ text: 'Indhold', bold: true, size: 32 })], keepNext: true }),
        new TableOfContents('Indhold', { hyperlink: true, headingStyleRange: '1-3' }),
      ] },
      ...merged.map((part, i) => ({
        properties: { page: part.landscape ? A4_LANDSCAPE : A4_PORTRAIT, ...(i === 0 ? {} : {}) },
        footers,
        children: part.children,
      })),
    ],
  });
}

/** The .docx file's bytes. */
export async function exportDocx(stored: PlanFile, options: DocxOptions = {}): Promise<Uint8Array> {
  const plan = withCleanText(stored); // XML allows no control characters: the document is always well-formed
  const blob = await Packer.toBlob(buildDocx(plan, options));
  return new Uint8Array(await blob.arrayBuffer());
}

