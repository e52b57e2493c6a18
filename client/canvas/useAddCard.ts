/**
 * Adding a card by key or palette: it goes to the free spot nearest the middle of what the person sees (never on
 * top of another card), and the view pans to it if that spot is not fully in view.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { CARD_SIZE, type Box } from '../../model/geometry.ts';
import { findFreeSpot } from '../../model/placement.ts';
import type { NodeKind } from '../../model/schema.ts';
import { addNode, docToPlan, newId } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';

/** A new card's size before the browser measures it: taller than the model's default, as a card with its footer is. */
const NEW_CARD = { width: CARD_SIZE.width, height: 110 };

export function useAddCard(session: PlanSession) {
  const flow = useReactFlow();
  return useCallback(
    (kind: NodeKind, title: string, focusArea?: string): string => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const centre = pane
        ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
        : flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      const occupied: Box[] = flow.getNodes().map((node) => ({
        ...node.position,
        width: node.measured?.width ?? CARD_SIZE.width,
        height: node.measured?.height ?? NEW_CARD.height,
      }));
      // the React Flow store may lag behind the doc by a render: add what the doc has that the store misses
      const known = new Set(flow.getNodes().map((node) => node.id));
      for (const node of docToPlan(session.doc).nodes) if (!known.has(node.id) && node.position) occupied.push({ ...node.position, ...NEW_CARD });
      const spot = findFreeSpot(occupied, NEW_CARD, { x: centre.x - NEW_CARD.width / 2, y: centre.y - NEW_CARD.height / 2 });
      const id = newId(kind.slice(0, 1));
      addNode(session.doc, { id, kind, title, position: spot, ...(focusArea ? { focusArea } : {}) }, session.localOrigin);
      if (pane && !inView(flow, pane, { ...spot, ...NEW_CARD })) {
        void flow.setCenter(spot.x + NEW_CARD.width / 2, spot.y + NEW_CARD.height / 2, { zoom: flow.getZoom(), duration: 300 });
      }
      return id;
    },
    [flow, session],
  );
}

function inView(flow: ReturnType<typeof useReactFlow>, pane: DOMRect, box: Box): boolean {
  const topLeft = flow.flowToScreenPosition({ x: box.x, y: box.y });
  const bottomRight = flow.flowToScreenPosition({ x: box.x + box.width, y: box.y + box.height });
  return topLeft.x >= pane.left && topLeft.y >= pane.top && bottomRight.x <= pane.right && bottomRight.y <= pane.bottom;
}
