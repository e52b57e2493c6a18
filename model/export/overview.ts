/**
 * The whole plan's overview for Word, readable on landscape A4 at any size: a lane per indsatsområde with the
 * cards' titles in the chain's columns (aktivitet → output → resultat → effekt → mål, and the indikatorer), no
 * lines (each indsatsområde's own figure has them). Drawn at the page's width, so its type prints at
 * OVERVIEW_TYPE.cardPx × 0.75 pt (≥ 8 pt) and never shrinks with the plan: a plan too large for one page goes on
 * over several, a lane that does not fit is continued on the next page ("fortsat").
 * The first page shares its room with the chapter's opening text (`firstPageHeight`).
 * Goals without an area stand in the lane of each area that serves them; nodes no area reaches get a lane of their own.
 */
import { focusAreaNodeIds } from '../layout.ts';
import type { NodeKind, PlanFile, PlanNode } from '../schema.ts';
import { withCleanText } from '../values.ts';
import { FIGURE_BOX } from './docx.ts';
import { escapeXml, KIND_COLORS, wrapText, type SvgDiagram } from './svg.ts';

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
const COLUMNS: { kind: NodeKind; title: string; weight: number }[] = [
  { kind: 'aktivitet', title: 'Aktiviteter', weight: 0.75 }, { kind: 'output', title: 'Output', weight: 0.9 }, { kind: 'resultat', title: 'Resultater', weight: 1 },
  { kind: 'effekt', title: 'Effekter', weight: 1 }, { kind: 'maal', title: 'Mål', weight: 1.15 }, { kind: 'indikator', title: 'Indikatorer', weight: 1.3 },
];
const PAD = 8;
const HEADER = 22;
const LANE_TITLE = 22;
const GAP = 4;
const TOTAL_WEIGHT = COLUMNS.reduce((sum, c) => sum + c.weight, 0);
const COLUMN_WIDTHS = COLUMNS.map((c) => ((OVERVIEW_PAGE.width - 2 * PAD) * c.weight) / TOTAL_WEIGHT);
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => PAD + COLUMN_WIDTHS.slice(0, i).reduce((sum, w) => sum + w, 0));
const LINE = Math.round(OVERVIEW_TYPE.cardPx * 1.25);
const CHARS = COLUMN_WIDTHS.map(charsThatFit);
/** enough for nearly every title in full (Rum for Liv's longest goal needs 10); longer ones end in "…" */
const MAX_LINES = 8;

interface Lane { title: string; columns: PlanNode[][] }
interface Card { node: PlanNode; lines: string[]; height: number }
interface LanePart { title: string; columns: Card[][]; height: number }

function lanesOf(plan: PlanFile): Lane[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const reached = new Set<string>();
  const lanes: Lane[] = [];
  for (const area of plan.focusAreas ?? []) {
    if (!plan.nodes.some((n) => n.focusArea === area.id)) continue;
    const ids = focusAreaNodeIds(plan, area.id);
    ids.forEach((id) => reached.add(id));
    const nodes = [...ids].map((id) => byId.get(id)!).filter(Boolean);
    lanes.push({ title: area.title, columns: COLUMNS.map((c) => nodes.filter((n) => n.kind === c.kind)) });
  }
  const rest = plan.nodes.filter((n) => !reached.has(n.id));
  if (rest.length > 0) {
    const title = lanes.length === 0 ? 'Planen' : 'Uden indsatsområde';
    lanes.push({ title, columns: COLUMNS.map((c) => rest.filter((n) => n.kind === c.kind)) });
  }
  return lanes;
}

function card(node: PlanNode, column: number): Card {
  const lines = wrapText(node.title, CHARS[column]!, MAX_LINES);
  return { node, lines, height: lines.length * LINE + 8 };
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
      else { parts.push({ title: '', columns: [], height: 0 }); available = fullRoom; continue; } // the rest of this page is too small: next page
    }
    const height = LANE_TITLE + PAD + Math.max(...columns.map((c) => c.reduce((sum, k) => sum + k.height + GAP, 0)));
    parts.push({ title: parts.some((p) => p.columns.length > 0) ? `${lane.title} (fortsat)` : lane.title, columns, height });
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
    part.columns.forEach((cards, i) => {
      let cy = y + LANE_TITLE;
      const x = COLUMN_X[i]! + 2;
      for (const c of cards) {
        const color = KIND_COLORS[c.node.kind];
        out.push(`<rect x="${x}" y="${cy}" width="${COLUMN_WIDTHS[i]! - 4}" height="${c.height}" rx="4" fill="white" stroke="${color}"/>`,
          `<rect x="${x}" y="${cy}" width="4" height="${c.height}" fill="${color}"/>`,
          ...c.lines.map((line, l) => `<text x="${x + 8}" y="${cy + 4 + (l + 1) * LINE - 3}" font-size="${OVERVIEW_TYPE.cardPx}" fill="#1b2430">${escapeXml(line)}</text>`));
        cy += c.height + GAP;
      }
    });
    y += part.height + GAP;
  }
  const height = Math.max(y + PAD, 120);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>${out.join('')}</svg>`;
  return { svg, width, height };
}
