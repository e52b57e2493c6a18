/**
 * An edge drawn along its route (model/routing.ts) when the straight line would pass behind another card, and as
 * React Flow's usual curve otherwise. While a card is dragged its edges no longer match the route computed for
 * the card's stored place; they are drawn as curves until the drag ends and the routes are computed again.
 */
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Point } from '../../model/geometry.ts';
import { roundedPath } from '../../model/routing.ts';

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
  let path: string;
  if (route && route.length > 2 && near(route[0]!, sourceX, sourceY) && near(route[route.length - 1]!, targetX, targetY)) {
    path = roundedPath([{ x: sourceX, y: sourceY }, ...route.slice(1, -1).map((p, i, inner) => snap(p, i, inner.length, sourceY, targetY)), { x: targetX, y: targetY }]);
  } else {
    [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  return <BaseEdge id={props.id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
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
