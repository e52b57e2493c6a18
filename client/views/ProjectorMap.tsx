/**
 * The projector's picture of the plan: not the editor's canvas, but a drawing made for a wall. Cards of one width
 * stand in the layout's columns and lanes (model/layout.ts `computeLayout`, given each card's measured height, so
 * no two cards overlap however long a title), the arrows are routed around the cards (model/routing.ts), and the
 * whole drawing is scaled to fill the screen: on entry, on every change and whenever the window's size changes. A
 * plan of many lanes gets its lanes side by side in columns when that shows it larger on the screen's shape.
 *
 * A title's longest word decides its type size (measured with the figures' conservative DejaVu widths, the font
 * the page asks for first): "vejledningsmøder" shrinks until it fits the card rather than pushing the card wider
 * or being cut; only a word too long even at the smallest size is broken.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { textWidth } from '../../model/export/text-width.ts';
import type { Size } from '../../model/geometry.ts';
import { LANE_PADDING } from '../../model/layout.ts';
import type { PlanFile } from '../../model/schema.ts';
import type { DrawRequest, DrawResponse } from './projector.worker.ts';
import { drawPlan, edgeKey, type Drawing } from './projectorDrawing.ts';
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
const INLINE_BELOW = 40;
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

  const sizes = useMemo(
    () => Object.fromEntries(plan.nodes.map((n) => [n.id, { width: CARD_WIDTH, height: heights[n.id] ?? LAYOUT.nodeHeight }])) as Record<string, Size>,
    [plan.nodes, heights],
  );
  // drawn once every card has been measured (a first drawing at guessed heights would be thrown away)
  const measured = plan.nodes.every((n) => heights[n.id] !== undefined);
  // the screen's shape decides how many columns of lanes a large plan gets (rounded: a small resize only rescales)
  const aspect = screen.height > 0 ? Math.round((screen.width / screen.height) * 10) / 10 : 0;
  const drawn = useDrawing(plan, sizes, measured && aspect > 0, aspect);
  // until the first drawing arrives the cards are laid out unseen, to be measured
  const drawing = drawn ?? { boxes: {}, paths: {}, bands: [], left: 0, top: 0, width: 1, height: 1 };
  const maxScale = MAX_SCALE_AT_1920 * Math.max(1, screen.width / 1920);
  const scale = screen.width > 0 ? Math.min(maxScale, screen.width / drawing.width, screen.height / drawing.height) : 1;
  const offsetX = (screen.width - drawing.width * scale) / 2;
  const offsetY = (screen.height - drawing.height * scale) / 2;

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
          {plan.edges.map((edge, index) => {
            const key = edgeKey(edge, index);
            const d = drawing.paths[key];
            if (!d) return null;
            return <path key={key} className="pmap-edge" data-testid="projector-arrow" d={d}
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
          const box = drawing.boxes[node.id];
          const look = KIND_LOOKS[node.kind];
          const votes = showVotes ? voteCounts.get(node.id) : undefined;
          return (
            <div key={node.id} className={`pmap-card${highlighted.includes(node.id) ? ' highlighted' : ''}`} data-testid="projector-card" data-node={node.id}
              ref={(element) => { if (element) cardRefs.current.set(node.id, element); else cardRefs.current.delete(node.id); }}
              style={{ left: (box?.x ?? 0) - drawing.left, top: (box?.y ?? 0) - drawing.top, width: CARD_WIDTH, borderTopColor: look.color, visibility: box ? undefined : 'hidden' }}>
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

/** The drawing of the plan at these sizes: inline for a small plan, else from the worker (null until its first answer). */
function useDrawing(plan: PlanFile, sizes: Record<string, Size>, ready: boolean, aspect: number): Drawing | null {
  const inline = plan.nodes.length < INLINE_BELOW;
  const inlineDrawing = useMemo(() => (inline ? drawPlan(plan, sizes, LAYOUT, MARGIN, aspect || undefined) : null), [inline, plan, sizes, aspect]);
  const [fromWorker, setFromWorker] = useState<Drawing | null>(null);
  const channel = useRef<DrawChannel | null>(null);
  useEffect(() => {
    channel.current = new DrawChannel(setFromWorker);
    return () => channel.current?.close();
  }, []);
  useEffect(() => {
    if (!inline && ready) channel.current?.draw(plan, sizes, aspect);
  }, [inline, plan, sizes, ready, aspect]);
  return inline ? inlineDrawing : fromWorker;
}

/** One worker, one request in flight; a newer plan replaces a waiting one. Without a worker it draws inline. */
class DrawChannel {
  private worker: Worker | null = null;
  private inFlight: DrawRequest | null = null;
  private waiting: DrawRequest | null = null;
  private nextId = 1;

  constructor(private readonly onDrawing: (drawing: Drawing) => void) {
    try {
      this.worker = new Worker(new URL('./projector.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<DrawResponse>) => this.answered(event.data);
      this.worker.onerror = () => this.abandon();
    } catch {
      this.worker = null;
    }
  }

  draw(plan: PlanFile, sizes: Record<string, Size>, aspect: number): void {
    const request: DrawRequest = { id: this.nextId++, plan, sizes, options: LAYOUT, margin: MARGIN, aspect };
    if (!this.worker) return this.onDrawing(drawPlan(plan, sizes, LAYOUT, MARGIN, aspect));
    if (this.inFlight) {
      this.waiting = request;
      return;
    }
    this.inFlight = request;
    this.worker.postMessage(request);
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private answered(response: DrawResponse): void {
    const asked = this.inFlight;
    this.inFlight = null;
    if (response.ok) this.onDrawing(response.drawing);
    else if (asked) this.onDrawing(drawPlan(asked.plan, asked.sizes, LAYOUT, MARGIN, asked.aspect));
    const next = this.waiting;
    this.waiting = null;
    if (next) this.draw(next.plan, next.sizes, next.aspect);
  }

  /** The worker failed to start or crashed: draw inline from now on. */
  private abandon(): void {
    this.close();
    const next = this.waiting ?? this.inFlight;
    this.inFlight = null;
    this.waiting = null;
    if (next) this.draw(next.plan, next.sizes, next.aspect);
  }
}
