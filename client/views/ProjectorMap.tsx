/**
 * The projector's picture of the plan: not the editor's canvas, but a drawing made for a wall. Cards of one width
 * stand in the layout's columns and lanes (model/layout.ts `computeLayout`, given each card's measured height, so
 * no two cards overlap however long a title), the arrows are routed around the cards (model/routing.ts), and the
 * whole drawing is scaled to fill the screen: on entry, on every change and whenever the window's size changes.
 *
 * A title's longest word decides its type size (measured with the figures' conservative DejaVu widths, the font
 * the page asks for first): "vejledningsmøder" shrinks until it fits the card rather than pushing the card wider
 * or being cut; only a word too long even at the smallest size is broken.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { textWidth } from '../../model/export/text-width.ts';
import { curvePoints } from '../../model/export/svg.ts';
import { polylineCrossesBox, type Box, type Point, type Size } from '../../model/geometry.ts';
import { computeLayout, laneBands, LANE_PADDING } from '../../model/layout.ts';
import { roundedPath, routeEdges } from '../../model/routing.ts';
import type { PlanFile } from '../../model/schema.ts';
import { countOf, useI18n } from '../i18n.tsx';
import { EDGE_LOOKS, KIND_LOOKS } from '../kinds.ts';

/** The drawing's own units (CSS px before scaling). */
const CARD_WIDTH = 210;
const CARD_PADDING_X = 12;
const TITLE_SIZE = 18;
const SMALLEST_TITLE = 13;
const LANE_TITLE_SIZE = 16;
const LAYOUT = { nodeWidth: CARD_WIDTH, nodeHeight: 70, columnGap: 56, rowGap: 22, laneGap: 56 };
const MARGIN = 16;
/** A small plan is shown large, up to this scale on a 1920 px wide screen (more on a larger one). */
const MAX_SCALE_AT_1920 = 2.5;

/** A title's unbreakable pieces: words, cut after a slash or a hyphen (where the card may break the line). */
const pieces = (title: string) => title.split(/\s+|(?<=[/-])/).filter(Boolean);

/** The type size at which the title's longest word fits one line of the card. */
export function titleSize(title: string, lineWidth = CARD_WIDTH - 2 * CARD_PADDING_X): number {
  const longest = Math.max(0, ...pieces(title).map((word) => textWidth(word, TITLE_SIZE, true)));
  if (longest <= lineWidth) return TITLE_SIZE;
  return Math.max(SMALLEST_TITLE, Math.floor((TITLE_SIZE * lineWidth) / longest * 10) / 10);
}

function laneTitleSize(title: string, width: number): number {
  const wide = textWidth(title, LANE_TITLE_SIZE, true);
  return wide <= width ? LANE_TITLE_SIZE : Math.max(10, Math.floor((LANE_TITLE_SIZE * width) / wide));
}

export function ProjectorMap({ plan, voteCounts, showVotes, highlighted }: {
  plan: PlanFile;
  voteCounts: ReadonlyMap<string, number>;
  showVotes: boolean;
  highlighted: readonly string[];
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const cardRefs = useRef(new Map<string, HTMLDivElement>());
  const [heights, setHeights] = useState<Record<string, number>>({});
  const [screen, setScreen] = useState<Size>({ width: 0, height: 0 });

  // the cards' heights as drawn (unscaled: offsetHeight ignores the transform); a changed height lays out again
  useLayoutEffect(() => {
    const measured: Record<string, number> = {};
    for (const [id, element] of cardRefs.current) measured[id] = element.offsetHeight;
    const changed = Object.keys(measured).length !== Object.keys(heights).length || Object.entries(measured).some(([id, h]) => heights[id] !== h);
    if (changed) setHeights(measured);
  });
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setScreen({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const drawing = useMemo(() => {
    const sizes = Object.fromEntries(plan.nodes.map((n) => [n.id, { width: CARD_WIDTH, height: heights[n.id] ?? LAYOUT.nodeHeight }]));
    const { positions } = computeLayout(plan, { ...LAYOUT, sizes });
    const boxes = new Map<string, Box>(plan.nodes.map((n) => [n.id, { ...positions[n.id]!, ...sizes[n.id]! }]));
    const edges = plan.edges.map((e, i) => ({ ...e, id: e.id ?? `edge-${i}` }));
    const routes = new Map([...routeEdges(boxes, edges)].map(([id, route]) => {
      const edge = edges.find((e) => e.id === id)!;
      const others = [...boxes].filter(([nodeId]) => nodeId !== edge.from && nodeId !== edge.to).map(([, box]) => box);
      return [id, pathOf(route.points, route.detour, others)];
    }));
    const bands = laneBands(plan, boxes);
    const all = [...boxes.values(), ...bands];
    const left = Math.min(0, ...all.map((b) => b.x)) - MARGIN;
    const top = Math.min(0, ...all.map((b) => b.y)) - MARGIN;
    const right = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN;
    const bottom = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN;
    return { boxes, edges, routes, bands, left, top, width: right - left, height: bottom - top };
  }, [plan, heights]);

  const maxScale = MAX_SCALE_AT_1920 * Math.max(1, screen.width / 1920);
  const scale = screen.width > 0 ? Math.min(maxScale, screen.width / drawing.width, screen.height / drawing.height) : 1;
  const offsetX = (screen.width - drawing.width * scale) / 2;
  const offsetY = (screen.height - drawing.height * scale) / 2;
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));

  return (
    <div className="pmap-frame" ref={frame} data-testid="projector-map">
      <div className="pmap-stage" data-scale={scale.toFixed(3)}
        style={{ width: drawing.width, height: drawing.height, transform: `translate(${offsetX}px, ${offsetY}px) scale(${scale})` }}>
        <svg className="pmap-lines" width={drawing.width} height={drawing.height} viewBox={`${drawing.left} ${drawing.top} ${drawing.width} ${drawing.height}`} aria-hidden>
          <defs>
            <marker id="pmap-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#56606b" />
            </marker>
          </defs>
          {drawing.bands.map((band) => (
            <rect key={band.focusArea} className="pmap-band" x={band.x} y={band.y} width={band.width} height={band.height} rx={10} />
          ))}
          {drawing.edges.map((edge) => {
            const d = drawing.routes.get(edge.id);
            if (!d) return null;
            return <path key={edge.id} className="pmap-edge" data-testid="projector-arrow" d={d}
              strokeDasharray={EDGE_LOOKS[edge.kind].dash} markerEnd="url(#pmap-arrow)" />;
          })}
        </svg>
        {drawing.bands.map((band) => (
          <div key={band.focusArea} className="pmap-lane-title" data-testid="projector-lane"
            style={{ left: band.x - drawing.left + 10, top: band.y - drawing.top + 6, width: band.width - 20, fontSize: laneTitleSize(band.title, band.width - 20), lineHeight: `${LANE_PADDING.top - 12}px` }}>
            {band.title}
          </div>
        ))}
        {plan.nodes.map((node) => {
          const box = drawing.boxes.get(node.id)!;
          const look = KIND_LOOKS[node.kind];
          const votes = showVotes ? voteCounts.get(node.id) : undefined;
          return (
            <div key={node.id} className={`pmap-card${highlighted.includes(node.id) ? ' highlighted' : ''}`} data-testid="projector-card" data-node={node.id}
              ref={(element) => { if (element) cardRefs.current.set(node.id, element); else cardRefs.current.delete(node.id); }}
              style={{ left: box.x - drawing.left, top: box.y - drawing.top, width: CARD_WIDTH, borderTopColor: look.color }}>
              <span className="pmap-kind" style={{ color: look.color }}><span aria-hidden>{look.icon}</span> {t(look.da, look.en)}</span>
              <span className="pmap-title" lang="da" style={{ fontSize: titleSize(node.title) }}><BreakAfterSlashes text={node.title} /></span>
              {votes ? <span className="pmap-votes">● {t(countOf(votes, 'stemme', 'stemmer'), countOf(votes, 'dot', 'dots', 'en'))}</span> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** "arbejdsgruppe/aktivitetsudvalg" may break after the slash (a browser keeps it as one word). */
function BreakAfterSlashes({ text }: { text: string }) {
  const parts = text.split(/(?<=\/)/);
  return <>{parts.map((part, i) => <span key={i}>{part}{i < parts.length - 1 && <wbr />}</span>)}</>;
}

/**
 * A free straight line as a gentle curve (as on the canvas and in the SVG figure), unless the curve would pass over
 * another card; then straight. A detour with rounded corners.
 */
function pathOf(points: readonly Point[], detour: boolean, others: readonly Box[]): string {
  if (detour || points.length !== 2) return roundedPath(points, 12);
  const [a, b] = [points[0]!, points[1]!];
  if (others.some((box) => polylineCrossesBox(curvePoints(a, b), box))) return `M${a.x},${a.y} L${b.x},${b.y}`;
  const bend = Math.max(40, Math.abs(b.x - a.x) / 2); // curvePoints' bend
  return `M${a.x},${a.y} C${a.x + bend},${a.y} ${b.x - bend},${b.y} ${b.x},${b.y}`;
}
