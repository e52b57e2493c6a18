/**
 * The whole plan's overview for Word, readable on landscape A4 at any size: a lane per indsatsområde with the
 * cards' titles in the chain's columns (aktivitet → output → resultat → effekt → mål, and the indikatorer), and the
 * arrows between the cards of a lane on the same page, routed around the cards they do not connect (model/routing.ts). Drawn at the page's width, so its type prints at
 * OVERVIEW_TYPE.cardPx × 0.75 pt (≥ 8 pt) and never shrinks with the plan: a plan too large for one page goes on
 * over several, a lane that does not fit is continued on the next page ("fortsat").
 * The first page shares its room with the chapter's opening text (`firstPageHeight`).
 * Goals without an area stand in the lane of each area that serves them; nodes no area reaches get a lane of their own.
 */
import { figureColumns } from '../kinds.ts';
import { focusAreaNodeIds } from '../layout.ts';
import type { NodeKind, PlanFile, PlanNode } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { FIGURE_BOX } from './docx.ts';
import type { Box } from '../geometry.ts';
import { roundedPath, routeEdge } from '../routing.ts';
import { escapeXml, KIND_COLORS, type SvgDiagram } from './svg.ts';
import { fitTitle, lineHeight } from './wrap.ts';

/** A page's drawing area in SVG pixels: the Word figure's box on landscape A4, where it is drawn unscaled. */
const OVERVIEW_PAGE = FIGURE_BOX;
/** Type sizes in SVG pixels; at OVERVIEW_PAGE.width on the page one pixel prints as 0.75 pt. */
export const OVERVIEW_TYPE = { cardPx: 11, lanePx: 13, headerPx: 11 };

/**
 * Characters of a card's text that fit a card of this width at OVERVIEW_TYPE.cardPx: DejaVu Sans averages about
 * 0.6 em a character in Danish text (a narrower guess let long goal titles run out of their cards).
 */
export function charsThatFit(width: number): number {
  return Math.floor((width - 16) / (OVERVIEW_TYPE.cardPx * 0.61));
}

/** The chain's columns; `weight` shares the width out (activity titles are short, goals long). */
const COLUMNS = figureColumns({ aktivitet: 0.9, output: 0.9, maal: 1.15, indikator: 1.15 });
const PAD = 8;
const HEADER = 22;
const LANE_TITLE = 22;
const GAP = 4;
/** room between the columns for the arrows */
const GUTTER = 18;
const TOTAL_WEIGHT = COLUMNS.reduce((sum, c) => sum + c.weight, 0);
const COLUMN_WIDTHS = COLUMNS.map((c) => ((OVERVIEW_PAGE.width - 2 * PAD - GUTTER * (COLUMNS.length - 1)) * c.weight) / TOTAL_WEIGHT);
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => PAD + i * GUTTER + COLUMN_WIDTHS.slice(0, i).reduce((sum, w) => sum + w, 0));
/** enough for nearly every title in full (Rum for Liv's longest goal needs 10); longer ones end in "…" */
const MAX_LINES = 8;

interface Lane { title: string; columns: PlanNode[][]; edges: PlanFile['edges'] }
interface Card { node: PlanNode; lines: string[]; fontPx: number; height: number }
interface LanePart { title: string; columns: Card[][]; height: number; edges: PlanFile['edges'] }

function lanesOf(plan: PlanFile): Lane[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const reached = new Set<string>();
  const lanes: Lane[] = [];
  for (const area of plan.focusAreas ?? []) {
    if (!plan.nodes.some((n) => n.focusArea === area.id)) continue;
    const ids = focusAreaNodeIds(plan, area.id);
    ids.forEach((id) => reached.add(id));
    const nodes = [...ids].map((id) => byId.get(id)!).filter(Boolean);
    lanes.push({ title: area.title, columns: COLUMNS.map((c) => nodes.filter((n) => n.kind === c.kind)), edges: plan.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) });
  }
  const rest = plan.nodes.filter((n) => !reached.has(n.id));
  if (rest.length > 0) {
    const title = lanes.length === 0 ? 'Planen' : 'Uden indsatsområde';
    const restIds = new Set(rest.map((n) => n.id));
    lanes.push({ title, columns: COLUMNS.map((c) => rest.filter((n) => n.kind === c.kind)), edges: plan.edges.filter((e) => restIds.has(e.from) && restIds.has(e.to)) });
  }
  return lanes;
}

function card(node: PlanNode, column: number): Card {
  const { lines, fontPx } = fitTitle(node.title, COLUMN_WIDTHS[column]! - 4, MAX_LINES, OVERVIEW_TYPE.cardPx);
  return { node, lines, fontPx, height: lines.length * lineHeight(fontPx) + 8 };
}

/** Cuts a lane into parts no taller than `room` (the first part) and `fullRoom` (the rest). */
function splitLane(lane: Lane, room: number, fullRoom: number): LanePart[] {
  const queues = lane.columns.map((nodes, column) => nodes.map((node) => card(node, column)));
  const parts: LanePart[] = [];
  let available = room;
  while (queues.some((q) => q.length > 0)) {
    const columns = queues.map((queue) => {
      const taken: Card[] = [];
      let used = 0;
      while (queue.length > 0 && used + queue[0]!.height + GAP <= available - LANE_TITLE - PAD) {
        used += queue[0]!.height + GAP;
        taken.push(queue.shift()!);
      }
      return taken;
    });
    if (columns.every((c) => c.length === 0)) {
      if (available === fullRoom) columns[queues.findIndex((q) => q.length > 0)]!.push(queues.find((q) => q.length > 0)!.shift()!); // a card taller than a page: never loop
      else { parts.push({ title: '', columns: [], height: 0, edges: [] }); available = fullRoom; continue; } // the rest of this page is too small: next page
    }
    const height = LANE_TITLE + PAD + Math.max(...columns.map((c) => c.reduce((sum, k) => sum + k.height + GAP, 0)));
    parts.push({ title: parts.some((p) => p.columns.length > 0) ? `${lane.title} (fortsat)` : lane.title, columns, height, edges: lane.edges });
    available = fullRoom;
  }
  return parts;
}

/** The overview, one SVG per page, each exactly OVERVIEW_PAGE.width wide. */
export function renderOverviewPages(stored: PlanFile, firstPageHeight: number = OVERVIEW_PAGE.height): SvgDiagram[] {
  const plan = withCleanText(stored);
  const fullRoom = OVERVIEW_PAGE.height - HEADER - 2 * PAD;
  const pages: LanePart[][] = [[]];
  let left = Math.min(fullRoom, firstPageHeight - HEADER - 2 * PAD);
  for (const lane of lanesOf(plan)) {
    const parts = splitLane(lane, left, fullRoom);
    for (const part of parts) {
      if (part.columns.length === 0 || part.height > left) { pages.push([]); left = fullRoom; }
      if (part.columns.length === 0) continue;
      pages[pages.length - 1]!.push(part);
      left -= part.height + GAP;
    }
  }
  return pages.filter((page) => page.length > 0).map(drawPage);
}

function drawPage(parts: LanePart[]): SvgDiagram {
  const width = OVERVIEW_PAGE.width;
  const out: string[] = [];
  COLUMNS.forEach((column, i) => {
    out.push(`<text x="${COLUMN_X[i]! + 4}" y="${PAD + 14}" font-size="${OVERVIEW_TYPE.headerPx}" font-weight="bold" fill="${KIND_COLORS[column.kind]}">${column.title.toUpperCase()}</text>`);
  });
  let y = PAD + HEADER;
  for (const part of parts) {
    out.push(`<rect x="${PAD / 2}" y="${y}" width="${width - PAD}" height="${part.height}" rx="8" fill="#eef3f6" stroke="#b8c4cc"/>`,
      `<text x="${PAD + 4}" y="${y + 16}" font-size="${OVERVIEW_TYPE.lanePx}" font-weight="bold" fill="#1b2430">${escapeXml(part.title)}</text>`);
    const boxes = new Map<string, Box>();
    const under = out.length; // the lines go under the cards: a line never hides a title
    part.columns.forEach((cards, i) => {
      let cy = y + LANE_TITLE;
      const x = COLUMN_X[i]! + 2;
      for (const c of cards) {
        const color = KIND_COLORS[c.node.kind];
        const line = lineHeight(c.fontPx);
        boxes.set(c.node.id, { x, y: cy, width: COLUMN_WIDTHS[i]! - 4, height: c.height });
        out.push(`<rect x="${x}" y="${cy}" width="${COLUMN_WIDTHS[i]! - 4}" height="${c.height}" rx="4" fill="white" stroke="${color}"/>`,
          `<rect x="${x}" y="${cy}" width="4" height="${c.height}" fill="${color}"/>`,
          ...c.lines.map((text, l) => `<text x="${x + 8}" y="${cy + 4 + (l + 1) * line - 3}" font-size="${c.fontPx}" fill="#1b2430">${escapeXml(text)}</text>`));
        cy += c.height + GAP;
      }
    });
    out.splice(under, 0, ...overviewEdges(part.edges, boxes).map(drawArrow));
    y += part.height + GAP;
  }
  const height = Math.max(y + PAD, 120);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#445566"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="white"/>${out.join('')}</svg>`;
  return { svg, width, height };
}

/** One drawn line of the overview: an edge between two cards of the same lane on the same page. */
export interface OverviewEdge { kind: PlanFile['edges'][number]['kind']; from: string; to: string; points: { x: number; y: number }[]; detour: boolean }

/** The lines of a lane part: every edge whose two cards are on it, routed around the other cards. */
function overviewEdges(edges: PlanFile['edges'], boxes: ReadonlyMap<string, Box>): OverviewEdge[] {
  const all = [...boxes];
  const out: OverviewEdge[] = [];
  for (const edge of edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to || edge.from === edge.to) continue;
    const others = all.filter(([id]) => id !== edge.from && id !== edge.to).map(([, box]) => box);
    const route = routeEdge(from, to, others, 6);
    out.push({ kind: edge.kind, from: edge.from, to: edge.to, points: route.points, detour: route.detour });
  }
  return out;
}

const DASH: Record<string, string> = { 'leder-til': '', 'bidrager-til': ' stroke-dasharray="7 4"', 'maales-ved': ' stroke-dasharray="2 3"' };

function drawArrow(edge: OverviewEdge): string {
  const a = edge.points[0]!;
  const b = edge.points[edge.points.length - 1]!;
  const d = !edge.detour ? `M${a.x},${a.y} C${(a.x + b.x) / 2},${a.y} ${(a.x + b.x) / 2},${b.y} ${b.x},${b.y}` : roundedPath(edge.points, 5);
  const color = edge.kind === 'maales-ved' ? KIND_COLORS.indikator : '#445566';
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1" stroke-opacity="0.8"${DASH[edge.kind]} marker-end="url(#arrow)"/>`;
}

/** The overview's lines per page, for tests: [page][line]. */
export function overviewPageEdges(stored: PlanFile, firstPageHeight: number = OVERVIEW_PAGE.height): number[] {
  return renderOverviewPages(stored, firstPageHeight).map((page) => (page.svg.match(/marker-end=/g) ?? []).length);
}
