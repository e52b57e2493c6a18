/**
 * The pure parts of the canvas's speed work: value equality for reusing React Flow objects, the first arrival, the
 * drag in progress and the check kept while only positions change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyDrag, withMoving } from '../../client/canvas/DraggingFlow.tsx';
import { sameValue } from '../../client/canvas/stable.ts';
import { sameFlowNode } from '../../client/canvas/useFlowElements.ts';
import { arrivedIntoEmpty, countMovedNodes } from '../../client/canvas/useLayoutArrival.ts';
import { onlyPositionsChanged } from '../../client/hooks.ts';
import type { PlanFlowNode } from '../../client/PlanNodeView.tsx';
import { addEdge, addNode, createPlanReader, planRoots, setNodePositions, updateNode } from '../../model/ydoc.ts';

describe('sameValue', () => {
  const planNode = { title: 'Lektiecafé' };
  const node = { id: 'a', position: { x: 1, y: 2 }, data: { node: planNode } };

  it('compares positions by value and the plan node in the data by identity at depth 2', () => {
    expect(sameValue(node, { id: 'a', position: { x: 1, y: 2 }, data: { node: planNode } }, 2)).toBe(true);
    expect(sameValue(node, { id: 'a', position: { x: 1, y: 3 }, data: { node: planNode } }, 2)).toBe(false);
    expect(sameValue(node, { id: 'a', position: { x: 1, y: 2 }, data: { node: { title: 'Lektiecafé' } } }, 2)).toBe(false);
  });

  it('sees added, missing and reordered array entries', () => {
    expect(sameValue({ route: [{ x: 1, y: 1 }] }, { route: [{ x: 1, y: 1 }] }, 3)).toBe(true);
    expect(sameValue({ route: [{ x: 1, y: 1 }] }, { route: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }, 3)).toBe(false);
    expect(sameValue({ a: undefined }, {}, 1)).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 }, 1)).toBe(false);
  });
});

/** What the canvas's observer sees of a change: counted inside the handler, as Yjs requires. */
function observe(doc: Y.Doc, change: () => void): { moved: number; arrival: boolean } {
  const { nodes } = planRoots(doc);
  let seen = { moved: -1, arrival: false };
  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => (seen = { moved: countMovedNodes(events), arrival: arrivedIntoEmpty(events, nodes.size) });
  nodes.observeDeep(observer);
  change();
  nodes.unobserveDeep(observer);
  return seen;
}

describe('arrivedIntoEmpty', () => {
  it('is true for a plan synced into an empty doc, false for a move of every card', () => {
    const source = new Y.Doc();
    const ids = ['a1', 'o1', 'r1'];
    (['aktivitet', 'output', 'resultat'] as const).forEach((kind, i) => addNode(source, { id: ids[i]!, kind, title: `kort ${i}`, position: { x: i * 300, y: 0 } }));
    const copy = new Y.Doc();
    expect(observe(copy, () => Y.applyUpdate(copy, Y.encodeStateAsUpdate(source)))).toEqual({ moved: 3, arrival: true });
    const layout = () => setNodePositions(copy, Object.fromEntries(ids.map((id, i) => [id, { x: i * 10, y: 50 }])));
    expect(observe(copy, layout)).toEqual({ moved: 3, arrival: false });
  });
});

describe('a drag in progress (canvas/DraggingFlow.tsx)', () => {
  const card = (id: string, x: number) => ({ id, type: 'plan' as const, position: { x, y: 0 }, data: {} as PlanFlowNode['data'] });

  it('follows the pointer, leaves at the drag end and gives the end its last position', () => {
    const start = applyDrag({}, [{ type: 'position', id: 'a', position: { x: 5, y: 6 }, dragging: true }]);
    expect(start.moving).toEqual({ a: { x: 5, y: 6 } });
    const end = applyDrag(start.moving, [{ type: 'position', id: 'a', dragging: false }]);
    expect(end.moving).toEqual({});
    expect(end.changes).toEqual([{ type: 'position', id: 'a', dragging: false, position: { x: 5, y: 6 } }]);
    const unrelated = [{ type: 'select' as const, id: 'b', selected: true }];
    expect(applyDrag(start.moving, unrelated)).toEqual({ moving: start.moving, changes: unrelated });
  });

  it('hands on every card that is not dragged as the same object', () => {
    const nodes = [card('a', 1), card('b', 2), card('c', 3)];
    expect(withMoving(nodes, {})).toBe(nodes);
    const shown = withMoving(nodes, { b: { x: 40, y: 50 } });
    expect(shown[0]).toBe(nodes[0]);
    expect(shown[2]).toBe(nodes[2]);
    expect(shown[1]).toEqual({ ...nodes[1], position: { x: 40, y: 50 } });
  });

  it('compares flow nodes by position and size value, the rest by identity', () => {
    const a = card('a', 1);
    expect(sameFlowNode(a, { ...a, position: { x: 1, y: 0 } })).toBe(true);
    expect(sameFlowNode(a, { ...a, position: { x: 2, y: 0 } })).toBe(false);
    expect(sameFlowNode(a, { ...a, data: { ...a.data } })).toBe(false);
    expect(sameFlowNode({ ...a, measured: { width: 1, height: 2 } }, { ...a, measured: { width: 1, height: 2 } })).toBe(true);
  });
});

describe('onlyPositionsChanged (the live check skips a moved card)', () => {
  it('is true after a move read through the plan reader, false after any other edit', () => {
    const doc = new Y.Doc();
    addNode(doc, { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'm1', kind: 'maal', title: 'Flere i job', position: { x: 300, y: 0 } });
    const reader = createPlanReader(doc, { edgeKeys: true });
    const first = reader.read();
    setNodePositions(doc, { a1: { x: 40, y: 10 } });
    const moved = reader.read();
    expect(moved).not.toBe(first);
    expect(onlyPositionsChanged(first, moved)).toBe(true);
    updateNode(doc, 'a1', { title: 'Lektiecafé for unge' });
    expect(onlyPositionsChanged(moved, reader.read())).toBe(false);
    const retitled = reader.read();
    addEdge(doc, { from: 'a1', to: 'm1', kind: 'bidrager-til' });
    expect(onlyPositionsChanged(retitled, reader.read())).toBe(false);
  });
});
