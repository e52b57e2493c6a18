/**
 * An edge drawn along its route (model/routing.ts) when the straight line would pass behind another card, and as
 * React Flow's usual curve otherwise. While a card is dragged its edges no longer match the route computed for
 * the card's stored place; they are drawn as curves until the drag ends and the routes are computed again.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStoreApi, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Point } from '../../model/geometry.ts';
import { roundedPath } from '../../model/routing.ts';
import { useI18n } from '../i18n.tsx';

export interface RoutedEdgeData extends Record<string, unknown> {
  kind: string;
  rationale?: string;
  assumptions?: string[];
  /** the detour, in flow coordinates; absent when the straight line is free */
  route?: Point[];
}

/** How far (px) the handles may be from the route's ends for the route to still apply. */
const ROUTE_TOLERANCE = 12;

function RoutedEdgeInner(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth } = props;
  const route = (props.data as RoutedEdgeData | undefined)?.route;
  const assumptions = ((props.data as RoutedEdgeData | undefined)?.assumptions ?? []).map((a) => a.trim()).filter(Boolean);
  let path: string;
  let middle: Point;
  if (route && route.length > 2 && near(route[0]!, sourceX, sourceY) && near(route[route.length - 1]!, targetX, targetY)) {
    const points = [{ x: sourceX, y: sourceY }, ...route.slice(1, -1).map((p, i, inner) => snap(p, i, inner.length, sourceY, targetY)), { x: targetX, y: targetY }];
    path = roundedPath(points);
    middle = halfway(points);
  } else {
    const [curve, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    path = curve;
    middle = { x: labelX, y: labelY };
  }
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {assumptions.length > 0 && <AssumptionMark edgeId={props.id} at={middle} assumptions={assumptions} />}
    </>
  );
}

/**
 * The small mark halfway along a link that carries assumptions (issue 21: the critical assumptions behind an arrow
 * are to be seen and followed up). Its name says what it is and lists them; hover or focus shows them; a click or
 * Enter selects the link, so the inspector opens where they are edited.
 */
function AssumptionMark({ edgeId, at, assumptions }: { edgeId: string; at: Point; assumptions: string[] }) {
  const { t } = useI18n();
  const store = useStoreApi();
  const tipId = `assumptions-${edgeId}`;
  const count = assumptions.length;
  return (
    <EdgeLabelRenderer>
      <button type="button" className="assumption-mark nodrag nopan" data-testid={`assumption-mark-${edgeId}`}
        style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
        aria-label={t(`Forbindelsen har ${count === 1 ? 'en antagelse' : `${count} antagelser`}`, `The link has ${count === 1 ? 'an assumption' : `${count} assumptions`}`)}
        aria-describedby={tipId}
        onClick={() => store.getState().addSelectedEdges([edgeId])}>
        <span aria-hidden="true">A</span>
        <span role="tooltip" id={tipId} className="assumption-tip">
          <strong>{t('Antagelser', 'Assumptions')}</strong>
          {assumptions.map((a, i) => <span key={i} className="assumption-line">• {a}</span>)}
        </span>
      </button>
    </EdgeLabelRenderer>
  );
}

/** The point halfway along a polyline, by length. */
function halfway(points: Point[]): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  let rest = lengths.reduce((sum, l) => sum + l, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (rest <= l && l > 0) {
      const a = points[i]!;
      const b = points[i + 1]!;
      return { x: a.x + ((b.x - a.x) * rest) / l, y: a.y + ((b.y - a.y) * rest) / l };
    }
    rest -= l;
  }
  return points[points.length - 1]!;
}

function near(p: Point, x: number, y: number): boolean {
  return Math.abs(p.x - x) <= ROUTE_TOLERANCE && Math.abs(p.y - y) <= ROUTE_TOLERANCE;
}

/** Keeps the first and last bend level with the handles, which sit a few pixels off the boxes' sides. */
function snap(p: Point, index: number, count: number, sourceY: number, targetY: number): Point {
  if (index === 0) return { x: p.x, y: sourceY };
  if (index === count - 1) return { x: p.x, y: targetY };
  return p;
}

export const RoutedEdge = memo(RoutedEdgeInner);
