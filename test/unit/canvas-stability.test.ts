/** The pure parts of the canvas's speed work: value equality for reusing React Flow objects, and the first arrival. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sameValue } from '../../client/canvas/stable.ts';
import { arrivedIntoEmpty, countMovedNodes } from '../../client/canvas/useLayoutArrival.ts';
import { addNode, planRoots, setNodePositions } from '../../model/ydoc.ts';

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
