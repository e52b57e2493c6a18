/**
 * Sharing this person's cursor (in flow coordinates, at most 20 times a second). The canvas's place on the page is
 * read once and kept until it is resized: reading it on every move (as screenToFlowPosition does) forces the
 * browser to lay out the page in the middle of a drag, once per cursor update.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { Point } from '../../model/geometry.ts';
import type { PlanSession } from '../connection.ts';
import { throttle } from '../hooks.ts';

export function useCursorSharing(session: PlanSession) {
  const flow = useReactFlow();
  const element = useRef<HTMLDivElement>(null);
  const origin = useRef<Point | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const observer = new ResizeObserver(() => (origin.current = null));
    observer.observe(element.current);
    return () => observer.disconnect();
  }, []);

  const send = useMemo(
    () => throttle((screen: Point | null) => {
      let cursor: Point | null = null;
      if (screen && element.current) {
        if (!origin.current) {
          const rect = element.current.getBoundingClientRect();
          origin.current = { x: rect.left, y: rect.top };
        }
        const { x, y, zoom } = flow.getViewport();
        cursor = { x: (screen.x - origin.current.x - x) / zoom, y: (screen.y - origin.current.y - y) / zoom };
      }
      session.provider.awareness.setLocalStateField('cursor', cursor);
    }, 50),
    [flow, session],
  );
  const onPointerMove = useCallback((event: ReactPointerEvent) => send({ x: event.clientX, y: event.clientY }), [send]);
  const onPointerEnter = useCallback(() => (origin.current = null), []);
  const onPointerLeave = useCallback(() => send(null), [send]);
  return { ref: element, onPointerMove, onPointerEnter, onPointerLeave };
}
