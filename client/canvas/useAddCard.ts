/**
 * Adding a card by key or palette: it goes in its kind's column (aktivitet → output → resultat → effekt → mål →
 * indikator, left to right), at the height of the middle of what the person sees, never on top of another card;
 * if that spot is not fully in view, the view zooms out to the plan or pans to the card (bringIntoView).
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { CARD_SIZE, type Box } from '../../model/geometry.ts';
import { placeNewCard, type KindBox } from '../../model/placement.ts';
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
      // every card in the doc (the React Flow store may lag a render behind it), at its measured size where known
      const measured = new Map(flow.getNodes().map((node) => [node.id, node.measured]));
      const cards: KindBox[] = docToPlan(session.doc).nodes.flatMap((node) => {
        if (!node.position) return [];
        const size = measured.get(node.id);
        return [{ kind: node.kind, ...node.position, width: size?.width ?? CARD_SIZE.width, height: size?.height ?? NEW_CARD.height }];
      });
      const spot = placeNewCard(cards, kind, NEW_CARD, centre);
      const id = newId(kind.slice(0, 1));
      addNode(session.doc, { id, kind, title, position: spot, ...(focusArea ? { focusArea } : {}) }, session.localOrigin);
      if (pane && !inView(flow, pane, { ...spot, ...NEW_CARD })) bringIntoView(flow, pane, cards, { ...spot, ...NEW_CARD });
      return id;
    },
    [flow, session],
  );
}

/** Below this zoom card titles are too small to read on a laptop; a plan wider than that is panned instead. */
const MIN_READABLE_ZOOM = 0.6;

/**
 * A new card outside the view: a small plan zooms out just enough to show every card (so the chain being built
 * stays in sight); a plan too big for that pans to the new card at the current zoom.
 */
function bringIntoView(flow: ReturnType<typeof useReactFlow>, pane: DOMRect, cards: readonly Box[], card: Box) {
  const all = [...cards, card];
  const left = Math.min(...all.map((b) => b.x));
  const top = Math.min(...all.map((b) => b.y));
  const bounds = { x: left, y: top, width: Math.max(...all.map((b) => b.x + b.width)) - left, height: Math.max(...all.map((b) => b.y + b.height)) - top };
  const margin = 24;
  const fitZoom = Math.min((pane.width - 2 * margin) / bounds.width, (pane.height - 2 * margin) / bounds.height, flow.getZoom());
  if (fitZoom >= MIN_READABLE_ZOOM) {
    const centreX = bounds.x + bounds.width / 2;
    const centreY = bounds.y + bounds.height / 2;
    void flow.setViewport({ x: pane.width / 2 - centreX * fitZoom, y: pane.height / 2 - centreY * fitZoom, zoom: fitZoom }, { duration: 300 });
  } else void flow.setCenter(card.x + card.width / 2, card.y + card.height / 2, { zoom: flow.getZoom(), duration: 300 });
}

function inView(flow: ReturnType<typeof useReactFlow>, pane: DOMRect, box: Box): boolean {
  const topLeft = flow.flowToScreenPosition({ x: box.x, y: box.y });
  const bottomRight = flow.flowToScreenPosition({ x: box.x + box.width, y: box.y + box.height });
  return topLeft.x >= pane.left && topLeft.y >= pane.top && bottomRight.x <= pane.right && bottomRight.y <= pane.bottom;
}
