/**
 * The diagram as SVG, drawn from the plan alone (no browser): node positions from the plan, or the auto-layout
 * where a node has none. Used for Word (from the editor too), the CLI and the server. All user text is XML-escaped.
 */
import { CARD_SIZE, type Box, type Point } from '../geometry.ts';
import { laneBands, withPositions } from '../layout.ts';
import { roundedPath, routeEdges } from '../routing.ts';
import type { PlanFile, PlanNode } from '../schema.ts';
import { indicatorRange, KIND_DA } from './common.ts';
import { withCleanText } from '../values.ts';
import { kindTable } from '../kinds.ts';

const WIDTH = CARD_SIZE.width;
const HEIGHT = CARD_SIZE.height;
const PAD = 40;

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
      `<text x="${x + 14}" y="${y + 24}" font-size="16" font-weight="bold" fill="#3b4a57">${escapeXml(band.title)}</text>`;
  });

  const routes = routeEdges(boxes, plan.edges.map((edge, i) => ({ id: edge.id ?? `#${i}`, from: edge.from, to: edge.to })));
  const edges = plan.edges.map((edge, i) => {
    const route = routes.get(edge.id ?? `#${i}`);
    if (!route) return '';
    const points = route.points.map(shift);
    const dash = edge.kind === 'bidrager-til' ? ' stroke-dasharray="8 5"' : edge.kind === 'maales-ved' ? ' stroke-dasharray="2 4"' : '';
    return `<path d="${route.detour ? roundedPath(points) : curve(points[0]!, points[points.length - 1]!)}" fill="none" stroke="#445566" stroke-width="1.6"${dash} marker-end="url(#arrow)"/>`;
  });

  const cards = plan.nodes.map((node) => {
    const { x, y } = shift(boxes.get(node.id)!);
    const color = KIND_COLORS[node.kind];
    const detail = node.kind === 'indikator' ? indicatorRange(node) : '';
    const lines = wrapText(node.title, 34, detail ? 2 : 3);
    const text = lines.map((line, i) => `<text x="${x + 8}" y="${y + 36 + i * 15}" font-size="12" font-weight="bold" fill="#1b2430">${escapeXml(line)}</text>`).join('');
    const detailText = detail ? `<text x="${x + 8}" y="${y + 72}" font-size="11" fill="#5b6675">${escapeXml(detail.slice(0, 40))}</text>` : '';
    return `<g><rect x="${x}" y="${y}" width="${WIDTH}" height="${HEIGHT}" rx="8" fill="white" stroke="${color}" stroke-width="2"/>` +
      `<rect x="${x}" y="${y}" width="${WIDTH}" height="18" rx="8" fill="${color}"/><rect x="${x}" y="${y + 10}" width="${WIDTH}" height="8" fill="${color}"/>` +
      `<text x="${x + 8}" y="${y + 13}" font-size="10" font-weight="bold" fill="white">${escapeXml(KIND_DA[node.kind]!.toUpperCase())}</text>${text}${detailText}</g>`;
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
