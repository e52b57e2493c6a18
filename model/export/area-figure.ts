/**
 * One indsatsområde's own figure for Word, readable on landscape A4: the chain's columns (aktiviteter → output →
 * resultater → effekter → mål) at the page's width, titles wrapped at the overview's type size (≥ 8 pt printed),
 * and the lines between the cards.
 *
 * - Each activity starts a row with the chain it leads to; a chain card nothing leads to starts a row of its own.
 * - An indikator stands under the card it measures (its first `måles ved` edge), tied to it by a bracket on the
 *   left, so that no line has to cross the columns to reach it. One that measures nothing stands under the goals.
 * - The goals stand in the last column beside the rows that lead to them; a goal served from several pages is
 *   drawn on each of them, so that every page can be read on its own.
 * - Lines between neighbouring columns run in the gutter between them; any other line is routed around the cards
 *   (model/routing.ts), so no line passes behind a card it does not connect.
 * - A figure taller than a page goes on over several pages (rows are never cut).
 */
import { figureColumns } from '../kinds.ts';
import { focusAreaNodeIds, focusAreaPlan } from '../layout.ts';
import type { Box, Point } from '../geometry.ts';
import { roundedPath, routeEdge } from '../routing.ts';
import type { EdgeKind, NodeKind, PlanFile, PlanNode } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { indicatorRange } from './common.ts';
import { FIGURE_BOX } from './docx.ts';
import { OVERVIEW_TYPE } from './overview.ts';
import { escapeXml, KIND_COLORS, type SvgDiagram } from './svg.ts';
import { fitTitle, lineHeight } from './wrap.ts';

/** The drawing area of a page: the figure box less room for the area's heading above it. */
export const AREA_PAGE = { width: FIGURE_BOX.width, height: FIGURE_BOX.height - 30 };

// the indikatorer stand beside what they measure, not in a column of their own; an activity's name is often one long
// compound ("Fritidsjobformidling"): its column is wide enough for one at 8 pt
const COLUMNS = figureColumns({ aktivitet: 0.9, output: 0.95, maal: 1.15 }, ['indikator']);
const GOAL_COLUMN = COLUMNS.findIndex((column) => column.kind === 'maal');
const PAD = 8;
const GUTTER = 40;
const HEADER = 24;
/** the key to the lines, under the cards */
const LEGEND = 24;
const GAP = 6;
const ROW_GAP = 14;
/** how far an indikator is indented under the card it measures (room for the bracket) */
const INDENT = 10;
const TOTAL_WEIGHT = COLUMNS.reduce((sum, c) => sum + c.weight, 0);
const COLUMN_WIDTHS = COLUMNS.map((c) => ((AREA_PAGE.width - 2 * PAD - GUTTER * (COLUMNS.length - 1)) * c.weight) / TOTAL_WEIGHT);
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => PAD + i * GUTTER + COLUMN_WIDTHS.slice(0, i).reduce((sum, w) => sum + w, 0));
const MAX_LINES = 8;

/** `lines` are the title's lines, then an indikator's baseline and target (`titleLines` tells them apart). */
export interface FigureCard {
  node: PlanNode; box: Box; lines: string[]; titleLines: number; indicator: boolean;
  /** the card's type size in SVG pixels: smaller than OVERVIEW_TYPE.cardPx only where a long word needs it (≥ 8 pt) */
  fontPx: number;
  /** a card without an indsatsområde of its own that other areas reach too (a shared resultat, effekt or mål) */
  shared: boolean;
}
export interface FigureEdge { kind: EdgeKind; from: string; to: string; points: Point[]; shape: 'curve' | 'route' | 'bracket' }
export interface FigurePage { cards: FigureCard[]; edges: FigureEdge[]; width: number; height: number }

/** A card with the indikatorer hanging under it. */
interface Block { node: PlanNode; indicators: PlanNode[]; column: number }
interface Row { columns: Block[][] }

function cardLines(node: PlanNode, width: number): { lines: string[]; titleLines: number; fontPx: number } {
  const title = fitTitle(node.title, width, MAX_LINES, OVERVIEW_TYPE.cardPx);
  const range = node.kind === 'indikator' ? indicatorRange(node) : '';
  const rangeLines = range ? fitTitle(range, width, 3, title.fontPx) : null;
  const fontPx = Math.min(title.fontPx, rangeLines?.fontPx ?? title.fontPx);
  return { lines: rangeLines ? [...title.lines, ...rangeLines.lines] : title.lines, titleLines: title.lines.length, fontPx };
}

const cardHeight = ({ lines, fontPx }: { lines: string[]; fontPx: number }) => lines.length * lineHeight(fontPx) + 8;

function blockHeight(block: Block): number {
  const width = COLUMN_WIDTHS[block.column]!;
  return [block.node, ...block.indicators].reduce((sum, node, i) => sum + cardHeight(cardLines(node, i === 0 ? width : width - INDENT)) + (i > 0 ? GAP : 0), 0);
}

const columnHeight = (blocks: Block[]) => blocks.reduce((sum, b, i) => sum + blockHeight(b) + (i > 0 ? GAP : 0), 0);
const rowHeight = (row: Row) => Math.max(0, ...row.columns.map(columnHeight));

/** The blocks of the area: rows of chains, and the goal column's blocks (goals, then unattached indikatorer). */
function blocksOf(plan: PlanFile): { rows: Row[]; goals: Block[] } {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const attached = new Map<string, PlanNode[]>();
  const placedIndicators = new Set<string>();
  for (const edge of plan.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (edge.kind !== 'maales-ved' || !from || !to || to.kind !== 'indikator' || from.kind === 'indikator' || placedIndicators.has(to.id)) continue;
    placedIndicators.add(to.id);
    attached.set(from.id, [...(attached.get(from.id) ?? []), to]);
  }
  const block = (node: PlanNode): Block => ({ node, indicators: attached.get(node.id) ?? [], column: COLUMNS.findIndex((c) => c.kind === node.kind) });
  const next = new Map<string, string[]>();
  for (const edge of plan.edges) if (edge.kind === 'leder-til') next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const chainNodes = plan.nodes.filter((n) => n.kind !== 'maal' && n.kind !== 'indikator');
  const starts = [...chainNodes].sort((a, b) => COLUMNS.findIndex((c) => c.kind === a.kind) - COLUMNS.findIndex((c) => c.kind === b.kind));
  const assigned = new Set<string>();
  const rows: Row[] = [];
  for (const start of starts) {
    if (assigned.has(start.id)) continue;
    const row: Row = { columns: COLUMNS.map(() => []) };
    const queue = [start];
    assigned.add(start.id);
    while (queue.length > 0) {
      const node = queue.shift()!;
      const b = block(node);
      row.columns[b.column]!.push(b);
      for (const id of next.get(node.id) ?? []) {
        const to = byId.get(id);
        if (!to || assigned.has(id) || to.kind === 'maal' || to.kind === 'indikator') continue;
        assigned.add(id);
        queue.push(to);
      }
    }
    rows.push(row);
  }
  const unattached = plan.nodes.filter((n) => n.kind === 'indikator' && !placedIndicators.has(n.id)).map((node) => ({ node, indicators: [], column: GOAL_COLUMN }));
  return { rows, goals: [...plan.nodes.filter((n) => n.kind === 'maal').map(block), ...unattached] };
}

interface PageContent { rows: Row[]; goals: Block[] }

/** The goals a set of rows leads to (any edge from a card of the rows). */
function goalsOf(rows: Row[], goals: Block[], plan: PlanFile): Block[] {
  const ids = new Set(rows.flatMap((r) => r.columns.flat().flatMap((b) => [b.node.id, ...b.indicators.map((i) => i.id)])));
  return goals.filter((g) => plan.edges.some((e) => ids.has(e.from) && e.to === g.node.id));
}

/** Rows onto pages: as many rows as fit beside the goals they need; goals that fit nowhere else go on the first page. */
function paginate(rows: Row[], goals: Block[], plan: PlanFile): PageContent[] {
  const room = AREA_PAGE.height - HEADER - LEGEND - 2 * PAD;
  const height = (content: PageContent) =>
    Math.max(content.rows.reduce((sum, r, i) => sum + rowHeight(r) + (i > 0 ? ROW_GAP : 0), 0), columnHeight(content.goals));
  const linked = new Set(goalsOf(rows, goals, plan).map((g) => g.node.id));
  const loose = goals.filter((g) => !linked.has(g.node.id));
  const pages: PageContent[] = [];
  let current: Row[] = [];
  const close = () => {
    if (current.length === 0 && (pages.length > 0 || loose.length === 0)) return;
    const needed = goalsOf(current, goals, plan);
    const withLoose = pages.length === 0 ? [...needed, ...loose] : needed;
    // goals too many for one page beside these rows: the rows are shown again with the rest of the goals
    let rest = withLoose;
    do {
      const taken: Block[] = [];
      while (rest.length > 0 && (taken.length === 0 || columnHeight([...taken, rest[0]!]) <= room)) taken.push(rest.shift()!);
      pages.push({ rows: current, goals: taken });
    } while (rest.length > 0);
    current = [];
  };
  for (const row of rows) {
    const trial = { rows: [...current, row], goals: goalsOf([...current, row], goals, plan) };
    if (current.length > 0 && height(trial) > room) close();
    current.push(row);
  }
  close();
  return pages;
}

/** Places the content of one page: rows top-down, goals beside the cards that lead to them. */
function placePage(content: PageContent, plan: PlanFile, shared: ReadonlySet<string>): FigurePage {
  const cards: FigureCard[] = [];
  const boxes = new Map<string, Box>();
  const placeBlock = (b: Block, top: number): number => {
    const x = COLUMN_X[b.column]!;
    const width = COLUMN_WIDTHS[b.column]!;
    let y = top;
    [b.node, ...b.indicators].forEach((node, i) => {
      const indent = i === 0 ? 0 : INDENT;
      const text = cardLines(node, width - indent);
      const box = { x: x + indent, y, width: width - indent, height: cardHeight(text) };
      cards.push({ node, box, ...text, indicator: i > 0 || node.kind === 'indikator', shared: shared.has(node.id) });
      boxes.set(node.id, box);
      y += box.height + GAP;
    });
    return y - GAP;
  };
  let top = PAD + HEADER;
  for (const row of content.rows) {
    for (const column of row.columns) {
      let y = top;
      for (const b of column) y = placeBlock(b, y) + GAP;
    }
    top += rowHeight(row) + ROW_GAP;
  }
  const rowsBottom = top - ROW_GAP;
  // goals: in the order of the cards leading to them, each as near their middle as the others allow
  const wanted = content.goals.map((g) => {
    const from = plan.edges.filter((e) => e.to === g.node.id && boxes.has(e.from)).map((e) => boxes.get(e.from)!);
    const middle = from.length > 0 ? from.reduce((sum, b) => sum + b.y + b.height / 2, 0) / from.length : PAD + HEADER;
    return { g, top: middle - blockHeight(g) / 2 };
  }).sort((a, b) => a.top - b.top);
  const bottomLimit = Math.max(rowsBottom, PAD + HEADER + columnHeight(content.goals));
  let nextFree = PAD + HEADER;
  const tops = wanted.map(({ g, top: want }) => {
    const t = Math.max(want, nextFree);
    nextFree = t + blockHeight(g) + GAP;
    return t;
  });
  let limit = bottomLimit;
  for (let i = wanted.length - 1; i >= 0; i--) {
    tops[i] = Math.min(tops[i]!, limit - blockHeight(wanted[i]!.g));
    limit = tops[i]! - GAP;
  }
  wanted.forEach(({ g }, i) => placeBlock(g, Math.round(tops[i]!)));
  const height = Math.ceil(Math.max(bottomLimit, ...cards.map((c) => c.box.y + c.box.height)) + LEGEND + PAD);
  return { cards, edges: pageEdges(content, plan, cards, boxes), width: AREA_PAGE.width, height };
}

function pageEdges(content: PageContent, plan: PlanFile, cards: FigureCard[], boxes: Map<string, Box>): FigureEdge[] {
  const edges: FigureEdge[] = [];
  const hanging = new Map<string, string>(); // indikator id → the card it hangs under
  for (const b of [...content.rows.flatMap((r) => r.columns.flat()), ...content.goals]) for (const i of b.indicators) hanging.set(i.id, b.node.id);
  const columnOf = (id: string) => COLUMN_X.findIndex((x, i) => boxes.get(id)!.x >= x && boxes.get(id)!.x < x + COLUMN_WIDTHS[i]!);
  for (const edge of plan.edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to || edge.from === edge.to) continue;
    if (edge.kind === 'maales-ved' && hanging.get(edge.to) === edge.from) {
      const x = from.x + INDENT / 2;
      edges.push({ kind: edge.kind, from: edge.from, to: edge.to, shape: 'bracket', points: [{ x, y: from.y + from.height }, { x, y: to.y + to.height / 2 }, { x: to.x, y: to.y + to.height / 2 }] });
      continue;
    }
    const start = { x: from.x + from.width, y: from.y + from.height / 2 };
    const end = { x: to.x, y: to.y + to.height / 2 };
    // a main card to a main card in the next column: the line stays in the gutter between them
    if (columnOf(edge.to) === columnOf(edge.from) + 1 && to.x === COLUMN_X[columnOf(edge.to)]) {
      edges.push({ kind: edge.kind, from: edge.from, to: edge.to, shape: 'curve', points: [start, end] });
      continue;
    }
    const others = cards.filter((c) => c.node.id !== edge.from && c.node.id !== edge.to).map((c) => c.box);
    edges.push({ kind: edge.kind, from: edge.from, to: edge.to, shape: 'route', points: routeEdge(from, to, others).points });
  }
  return edges;
}

/** The pages of one indsatsområde's figure, laid out (for the drawing and for tests). */
export function layoutAreaFigure(stored: PlanFile, focusArea: string): FigurePage[] {
  const clean = withCleanText(stored);
  const plan = focusAreaPlan(clean, focusArea);
  if (!plan.nodes.some((n) => n.focusArea === focusArea)) return [];
  const shared = sharedCards(clean, focusArea, plan);
  const { rows, goals } = blocksOf(plan);
  return paginate(rows, goals, plan).map((content) => placePage(content, plan, shared));
}

/** The cards of the area's figure without an area of their own that another indsatsområde's figure shows too. */
function sharedCards(plan: PlanFile, focusArea: string, part: PlanFile): Set<string> {
  const others = new Set<string>();
  for (const area of plan.focusAreas ?? []) {
    if (area.id === focusArea || !plan.nodes.some((n) => n.focusArea === area.id)) continue;
    for (const id of focusAreaNodeIds(plan, area.id)) others.add(id);
  }
  return new Set(part.nodes.filter((n) => !n.focusArea && others.has(n.id)).map((n) => n.id));
}

const DASH: Record<EdgeKind, string> = { 'leder-til': '', 'bidrager-til': ' stroke-dasharray="7 4"', 'maales-ved': ' stroke-dasharray="2 3"' };

function drawEdge(edge: FigureEdge): string {
  const [a, b] = [edge.points[0]!, edge.points[edge.points.length - 1]!];
  const d = edge.shape === 'curve'
    ? `M${a.x},${a.y} C${(a.x + b.x) / 2},${a.y} ${(a.x + b.x) / 2},${b.y} ${b.x},${b.y}`
    : edge.points.length === 2 ? `M${a.x},${a.y} L${b.x},${b.y}` : roundedPath(edge.points, 6);
  const color = edge.kind === 'maales-ved' ? KIND_COLORS.indikator : '#445566';
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.3"${DASH[edge.kind]} marker-end="url(#arrow)"/>`;
}

function drawCard(card: FigureCard): string {
  const { x, y, width, height } = card.box;
  const color = KIND_COLORS[card.node.kind];
  const fill = card.indicator ? '#f1f3f5' : 'white';
  const line = lineHeight(card.fontPx);
  // a shared card has a double frame (a second, dashed one outside): the legend says what it means
  const sharedFrame = card.shared ? `<rect x="${x - 2.5}" y="${y - 2.5}" width="${width + 5}" height="${height + 5}" rx="6" fill="none" stroke="${color}" stroke-dasharray="4 2"/>` : '';
  return `${sharedFrame}<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="4" fill="${fill}" stroke="${color}"/>` +
    `<rect x="${x}" y="${y}" width="4" height="${height}" fill="${color}"/>` +
    card.lines.map((text, l) => `<text x="${x + 8}" y="${y + 4 + (l + 1) * line - 3}" font-size="${card.fontPx}"` +
      `${l >= card.titleLines ? ' fill="#4a5563" font-style="italic"' : ' fill="#1b2430"'}>${escapeXml(text)}</text>`).join('');
}

/** "── leder til  - - bidrager til  ··· måles ved: indikatorerne står under det, de måler" */
function legend(y: number, shared: boolean): string {
  const items: [EdgeKind, string][] = [['leder-til', 'leder til'], ['bidrager-til', 'bidrager til'], ['maales-ved', 'måles ved: indikatorerne står under det, de måler']];
  let x = PAD + 4;
  return items.map(([kind, text]) => {
    const sample = drawEdge({ kind, from: '', to: '', shape: 'route', points: [{ x, y: y - 4 }, { x: x + 28, y: y - 4 }] });
    const label = `<text x="${x + 34}" y="${y}" font-size="${OVERVIEW_TYPE.headerPx}" fill="#4a5563">${escapeXml(text)}</text>`;
    x += 34 + text.length * OVERVIEW_TYPE.headerPx * 0.6 + 24;
    return sample + label;
  }).join('') + (shared ? `<rect x="${x}" y="${y - 10}" width="22" height="12" rx="3" fill="none" stroke="#445566" stroke-dasharray="4 2"/>` +
    `<text x="${x + 28}" y="${y}" font-size="${OVERVIEW_TYPE.headerPx}" fill="#4a5563">fælles med andre indsatsområder</text>` : '');
}

function drawPage(page: FigurePage): SvgDiagram {
  const header = COLUMNS.map((column, i) =>
    `<text x="${COLUMN_X[i]! + 4}" y="${PAD + 14}" font-size="${OVERVIEW_TYPE.headerPx}" font-weight="bold" fill="${KIND_COLORS[column.kind]}">${column.title.toUpperCase()}</text>`);
  const { width, height } = page;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#445566"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="white"/>${header.join('')}${page.edges.map(drawEdge).join('')}${page.cards.map(drawCard).join('')}${legend(height - PAD - 4, page.cards.some((c) => c.shared))}</svg>`;
  return { svg, width, height };
}

/** One indsatsområde's figure, one SVG per page, each AREA_PAGE.width wide and at most AREA_PAGE.height tall. */
export function renderAreaFigure(plan: PlanFile, focusArea: string): SvgDiagram[] {
  return layoutAreaFigure(plan, focusArea).map(drawPage);
}
