/**
 * The diagram as SVG, drawn from the plan alone (no browser): node positions from the plan, or the auto-layout
 * where a node has none. Used for Word and for exports from the CLI and the server; the editor exports its own
 * canvas instead. All user text is XML-escaped.
 */
import { layoutPlan } from '../layout.ts';
import type { PlanFile, PlanNode } from '../schema.ts';
import { indicatorRange, KIND_DA } from './common.ts';
import { withCleanText } from '../values.ts';

const WIDTH = 220;
const HEIGHT = 80;
const PAD = 40;

const COLORS: Record<PlanNode['kind'], string> = {
  aktivitet: '#1f6f8b', output: '#3c8d5a', resultat: '#8a6d1f', effekt: '#9b3d5a', maal: '#5b3f8c', indikator: '#4a5563',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Splits a title into at most `lines` lines of about `width` characters, with an ellipsis if cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
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

export interface SvgDiagram {
  svg: string;
  width: number;
  height: number;
}

export function renderPlanSvg(stored: PlanFile): SvgDiagram {
  const plan = withCleanText(stored); // XML allows no control characters: the diagram is always well-formed
  const needsLayout = plan.nodes.some((n) => !n.position);
  const laidOut = needsLayout ? layoutPlan(plan) : {};
  const positions = new Map(plan.nodes.map((n) => [n.id, n.position ?? laidOut[n.id] ?? { x: 0, y: 0 }]));
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const minX = Math.min(0, ...xs) - PAD;
  const minY = Math.min(0, ...ys) - PAD;
  const width = Math.max(WIDTH, ...xs.map((x) => x + WIDTH)) - minX + PAD;
  const height = Math.max(HEIGHT, ...ys.map((y) => y + HEIGHT)) - minY + PAD;

  const edges = plan.edges.map((edge) => {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) return '';
    const x1 = from.x + WIDTH - minX;
    const y1 = from.y + HEIGHT / 2 - minY;
    const x2 = to.x - minX;
    const y2 = to.y + HEIGHT / 2 - minY;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    const dash = edge.kind === 'bidrager-til' ? ' stroke-dasharray="8 5"' : edge.kind === 'maales-ved' ? ' stroke-dasharray="2 4"' : '';
    return `<path d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="#445566" stroke-width="1.6"${dash} marker-end="url(#arrow)"/>`;
  });

  const cards = plan.nodes.map((node) => {
    const p = positions.get(node.id)!;
    const x = p.x - minX;
    const y = p.y - minY;
    const color = COLORS[node.kind];
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
    `<rect width="100%" height="100%" fill="white"/>${edges.join('')}${cards.join('')}</svg>`;
  return { svg, width, height };
}
