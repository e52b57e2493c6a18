// Issue 24: a value holding the key "__proto__" (or "constructor", "prototype") is refused at every door. Over sync
// the key never survives lib0's decoding (it sets the prototype instead), so a replica that kept it would diverge
// from every other: the server refuses the update by its bytes, and nobody, no disk and no prototype gets it.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToPlan } from '../../model/ydoc.ts';
import { attacker, closeAll, honest, smallPlan, storedDoc, until, withServer } from '../support/hostile.ts';
import { tokenOf, type TestServer } from '../support/server.ts';

let server: TestServer;
withServer((started) => (server = started));

const nodeMap = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('nodes').get(id)!;
const areaMap = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('focusAreas').get(id)!;

const plan = {
  ...smallPlan,
  focusAreas: [{ id: 'fa1', title: 'Børn og unge' }],
  nodes: smallPlan.nodes.map((node) => ({ ...node, focusArea: 'fa1' })),
};

function prototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

afterEach(prototypesUntouched);

describe('reserved keys over sync', () => {
  it('refuses an update whose value holds "__proto__", with the reason, and no replica or disk gets it', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');
    const before = docToPlan(fie.doc);

    // the counterexample of issue 24: a focus area's own key `order` holding {"__proto__": 0}
    rogue.attack((doc) => areaMap(doc, 'fa1').set('~order', JSON.parse('{"__proto__": 0}')));
    await until(() => rogue.refusals.length === 1, 'primitive under __proto__ refused');
    expect(rogue.refusals[0]).toMatch(/__proto__/);

    rogue.attack((doc) => nodeMap(doc, 'a1').set('eget', JSON.parse('{"a": 1, "__proto__": {"polluted": true}}')));
    await until(() => rogue.refusals.length === 2, 'object under __proto__ refused');
    rogue.attack((doc) => nodeMap(doc, 'a1').set('__proto__', 'felt'));
    await until(() => rogue.refusals.length === 3, 'field named __proto__ refused');
    rogue.attack((doc) => nodeMap(doc, 'a1').set('eget', { liste: [{ constructor: 'x' }] }));
    await until(() => rogue.refusals.length === 4, 'constructor refused');
    expect(rogue.refusals[3]).toMatch(/constructor/);
    rogue.attack((doc) => nodeMap(doc, 'a1').set('prototype', 1));
    await until(() => rogue.refusals.length === 5, 'field named prototype refused');

    // an allowed edit after the refusals still travels: the round trip that proves the refused ones did not
    rogue.attack((doc) => nodeMap(doc, 'a1').set('description', 'Efter forsøgene'));
    await until(() => docToPlan(fie.doc).nodes[0]!.description === 'Efter forsøgene', 'allowed edit arrives');
    expect({ ...docToPlan(fie.doc), nodes: docToPlan(fie.doc).nodes.map(({ description: _, ...node }) => node) }).toEqual(before);
    expect(nodeMap(fie.doc, 'a1').has('__proto__')).toBe(false);
    expect(nodeMap(fie.doc, 'a1').has('eget')).toBe(false);
    expect(areaMap(fie.doc, 'fa1').has('~order')).toBe(false);

    const viewerJson = (await (await fetch(`${server.url}/api/plans/${id}/export?token=${tokenOf(links.viewer)}&format=json`)).json()) as unknown;
    expect(JSON.stringify(viewerJson)).not.toMatch(/__proto__|polluted/);

    closeAll();
    await server.restart();
    const stored = storedDoc(server, id);
    expect(docToPlan(stored).nodes[0]).toEqual({ ...before.nodes[0], description: 'Efter forsøgene' });
    expect(nodeMap(stored, 'a1').has('eget')).toBe(false);
    expect(areaMap(stored, 'fa1').has('~order')).toBe(false);
  });

  it('refuses such a plan file by HTTP, naming the JSON path, and stores nothing', async () => {
    const body = `{"format":"forandringskort/v1","plan":{"title":"Boligplan"},"focusAreas":[{"id":"fa1","title":"Børn","order":{"__proto__":0}}],"nodes":[],"edges":[]}`;
    const res = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { problems: Array<{ path: string; message: string }> };
    expect(answer.problems[0]).toMatchObject({ path: 'focusAreas[0].order.__proto__' });
    expect(answer.problems[0]!.message).toMatch(/ikke tilladt/);
  });
});
