/**
 * The diagram as SVG, drawn from the plan alone (no browser): node positions from the plan, or the auto-layout
 * where a node has none. Used for Word (from the editor too), the CLI and the server. All user text is XML-escaped.
 */
import { CARD_SIZE, type Box, type Point } from '../geometry.ts';
import { laneBands, withPositions } from '../layout.ts';
import { roundedPath, routeEdge } from '../routing.ts';
import type { PlanFile, PlanNode } from '../schema.ts';
import { indicatorRange, KIND_DA } from './common.ts';
import { withCleanText } from '../values.ts';
import { fitLine, textWidth, wrapToWidth } from './text-width.ts';
import { kindTable } from '../kinds.ts';

const WIDTH = CARD_SIZE.width;
const HEIGHT = CARD_SIZE.height;
const PAD = 40;

/** Type on a card: the kind in the coloured band, the title (bold), an indikator's range. */
export const CARD_TEXT = { kindPx: 10, titlePx: 12, titleLine: 15, detailPx: 11, inset: 8, bandHeight: 18 };
/** A lane's title: bold at the top left of its band. */
export const LANE_TITLE = { px: 16, inset: 14, baseline: 24 };

/** The box a lane's title takes (kept free of lines). */
export function laneTitleBox(band: Box & { title: string }): Box {
  const width = textWidth(fitLine(band.title, band.width - 2 * LANE_TITLE.inset, LANE_TITLE.px, true), LANE_TITLE.px, true);
  return { x: band.x + LANE_TITLE.inset - 4, y: band.y + LANE_TITLE.baseline - LANE_TITLE.px - 2, width: width + 8, height: LANE_TITLE.px + 8 };
}

/** Points along a path drawn from `points` (the curve when `curved`), for checking what it passes over. */
export function curvePoints(from: Point, to: Point, steps = 32): Point[] {
  const bend = Math.max(40, Math.abs(to.x - from.x) / 2);
  const c1 = { x: from.x + bend, y: from.y };
  const c2 = { x: to.x - bend, y: to.y };
  const out: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push({
      x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
      y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
    });
  }
  return out;
}

const inside = (p: Point, box: Box) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;

/** A card's coloured band at its top, where the kind stands. */
function cardBand(box: Box): Box {
  return { x: box.x, y: box.y, width: box.width, height: CARD_TEXT.bandHeight };
}

export const KIND_COLORS: Record<PlanNode['kind'], string> = kindTable((facts) => facts.color);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Splits a title into at most `lines` lines of about `width` characters, with an ellipsis if cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  // a word longer than a line is broken with a hyphen rather than cut off ("Demokratiambassadører")
  const words = text.split(/\s+/).filter(Boolean).flatMap((word) => breakWord(word, width));
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    if ((line + ' ' + word).trim().length > width && line) {
      out.push(line);
      line = word;
    } else {
      line = `${line} ${word}`.trim();
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return out.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

function breakWord(word: string, width: number): string[] {
  if (word.length <= width || width < 4) return [word];
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    pieces.push(`${rest.slice(0, width - 1)}-`);
    rest = rest.slice(width - 1);
  }
  return [...pieces, rest];
}

export interface SvgDiagram {
  svg: string;
  width: number;
  height: number;
}

/**
 * The plan as a figure: cards at their positions (or the auto-layout's), a labelled band per indsatsområde, and
 * lines routed around cards they do not connect (model/routing.ts, as on the canvas). Nothing of anyone's
 * session is in it: no cursors, selection rings or check badges.
 */
export function renderPlanSvg(stored: PlanFile): SvgDiagram {
  const plan = withCleanText(stored); // XML allows no control characters: the diagram is always well-formed
  const placed = withPositionsOf(plan);
  const boxes = new Map<string, Box>(plan.nodes.map((n) => [n.id, { ...(placed[n.id] ?? { x: 0, y: 0 }), ...CARD_SIZE }]));
  const bands = laneBands(plan, boxes);
  const all = [...boxes.values(), ...bands];
  const minX = Math.min(0, ...all.map((b) => b.x)) - PAD;
  const minY = Math.min(0, ...all.map((b) => b.y)) - PAD;
  const width = Math.max(WIDTH, ...all.map((b) => b.x + b.width)) - minX + PAD;
  const height = Math.max(HEIGHT, ...all.map((b) => b.y + b.height)) - minY + PAD;
  const shift = (p: Point): Point => ({ x: p.x - minX, y: p.y - minY });

  const lanes = bands.map((band) => {
    const { x, y } = shift(band);
    return `<rect x="${x}" y="${y}" width="${band.width}" height="${band.height}" rx="14" fill="#eef3f6" stroke="#b8c4cc" stroke-width="1.5" stroke-dasharray="6 4"/>` +
      `<text x="${x + LANE_TITLE.inset}" y="${y + LANE_TITLE.baseline}" font-size="${LANE_TITLE.px}" font-weight="bold" fill="#3b4a57">${escapeXml(fitLine(band.title, band.width - 2 * LANE_TITLE.inset, LANE_TITLE.px, true))}</text>`;
  });

  // lines keep off the lanes' titles and the cards' coloured bands: they are routed around the titles as around
  // cards, and a curve that would pass over a band or a title is drawn as its straight route instead
  const titles = bands.map(laneTitleBox);
  const edges = plan.edges.map((edge) => {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to || edge.from === edge.to) return '';
    const others = [...boxes].filter(([id]) => id !== edge.from && id !== edge.to).map(([, box]) => box);
    const route = routeEdge(from, to, [...others, ...titles]);
    const keepOff = [...titles, ...[...boxes.values()].map(cardBand), ...others];
    const curved = !route.detour && !curvePoints(route.points[0]!, route.points[route.points.length - 1]!).some((p) => keepOff.some((box) => inside(p, box)));
    const points = route.points.map(shift);
    const dash = edge.kind === 'bidrager-til' ? ' stroke-dasharray="8 5"' : edge.kind === 'maales-ved' ? ' stroke-dasharray="2 4"' : '';
    return `<path d="${curved ? curve(points[0]!, points[points.length - 1]!) : roundedPath(points)}" fill="none" stroke="#445566" stroke-width="1.6"${dash} marker-end="url(#arrow)"/>`;
  });

  const textWidthOnCard = WIDTH - 2 * CARD_TEXT.inset;
  const cards = plan.nodes.map((node) => {
    const { x, y } = shift(boxes.get(node.id)!);
    const color = KIND_COLORS[node.kind];
    const detail = node.kind === 'indikator' ? indicatorRange(node) : '';
    const lines = wrapToWidth(node.title, textWidthOnCard, CARD_TEXT.titlePx, true, detail ? 2 : 3);
    const text = lines.map((line, i) => `<text x="${x + CARD_TEXT.inset}" y="${y + 36 + i * CARD_TEXT.titleLine}" font-size="${CARD_TEXT.titlePx}" font-weight="bold" fill="#1b2430">${escapeXml(line)}</text>`).join('');
    const detailText = detail ? `<text x="${x + CARD_TEXT.inset}" y="${y + 72}" font-size="${CARD_TEXT.detailPx}" fill="#5b6675">${escapeXml(fitLine(detail, textWidthOnCard, CARD_TEXT.detailPx))}</text>` : '';
    return `<g><rect x="${x}" y="${y}" width="${WIDTH}" height="${HEIGHT}" rx="8" fill="white" stroke="${color}" stroke-width="2"/>` +
      `<rect x="${x}" y="${y}" width="${WIDTH}" height="${CARD_TEXT.bandHeight}" rx="8" fill="${color}"/><rect x="${x}" y="${y + 10}" width="${WIDTH}" height="8" fill="${color}"/>` +
      `<text x="${x + CARD_TEXT.inset}" y="${y + 13}" font-size="${CARD_TEXT.kindPx}" font-weight="bold" fill="white">${escapeXml(KIND_DA[node.kind]!.toUpperCase())}</text>${text}${detailText}</g>`;
  });

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#445566"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="white"/>${lanes.join('')}${edges.join('')}${cards.join('')}</svg>`;
  return { svg, width, height };
}

function withPositionsOf(plan: PlanFile): Record<string, Point> {
  return Object.fromEntries(withPositions(plan).nodes.map((node) => [node.id, node.position!]));
}

/** The usual gentle curve from one card's right side to the next card's left side. */
function curve(from: Point, to: Point): string {
  const bend = Math.max(40, Math.abs(to.x - from.x) / 2);
  return `M${from.x},${from.y} C${from.x + bend},${from.y} ${to.x - bend},${to.y} ${to.x},${to.y}`;
}
