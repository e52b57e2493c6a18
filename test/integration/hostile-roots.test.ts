// Break 9 (roots) of issue 10: a participant may not create top-level roots the plan does not have (they would be
// stored and relayed whatever the locks say). Such an update is refused whole and reaches nobody and no disk.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLocks, setLocks } from '../../model/workshop.ts';
import { docToPlan, updatePlanInfo } from '../../model/ydoc.ts';
import { attacker, closeAll, honest, pause, storedDoc, until, withServer } from '../support/hostile.ts';
import type { TestServer } from '../support/server.ts';

const plan = { format: 'forandringskort/v1', plan: { title: 'Boligplan' }, nodes: [{ id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' }], edges: [] };

let server: TestServer;
withServer((started) => (server = started));

const hasRoot = (doc: Y.Doc, name: string) => doc.share.has(name);

describe('unknown roots', () => {
  it('refuses new top-level roots, also mixed into an allowed edit, and under a full lock', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const olga = await honest(server, id, links.participant, 'Olga');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');

    rogue.attack((doc) => doc.getMap('skrald').set('fyld', 'x'.repeat(100 * 1024)));
    await until(() => rogue.refusals.length === 1, 'new map root refused');
    expect(rogue.refusals[0]).toMatch(/skrald/);
    rogue.attack((doc) => doc.getArray('liste').push(['x'.repeat(1000)]));
    await until(() => rogue.refusals.length === 2, 'new array root refused');
    // an allowed edit carrying a new root along is refused whole
    rogue.attack((doc) => {
      updatePlanInfo(doc, { vision: 'smuglet' });
      doc.getText('tekst').insert(0, 'med på lasset');
    });
    await until(() => rogue.refusals.length === 3, 'mixed update refused');

    setLocks(fie.doc, { all: true, kinds: [] }, 'fie');
    await until(() => readLocks(rogue.doc).all, 'rogue sees the lock');
    rogue.attack((doc) => doc.getMap('under-laas').set('fyld', 'x'.repeat(100 * 1024)));
    await until(() => rogue.refusals.length === 4, 'new root under a full lock refused');

    // allowed work still goes through
    setLocks(fie.doc, { all: false, kinds: [] }, 'fie');
    await until(() => !readLocks(rogue.doc).all, 'unlocked');
    rogue.attack((doc) => updatePlanInfo(doc, { vision: 'Et godt sted at bo' }));
    updatePlanInfo(fie.doc, { title: 'Boligplan 2027' }, 'fie');
    await until(() => docToPlan(olga.doc).plan.vision === 'Et godt sted at bo' && docToPlan(olga.doc).plan.title === 'Boligplan 2027', 'edits arrive');
    await pause(200);
    for (const name of ['skrald', 'liste', 'tekst', 'under-laas']) expect(hasRoot(olga.doc, name), name).toBe(false);

    closeAll();
    await server.restart();
    const stored = storedDoc(server, id);
    for (const name of ['skrald', 'liste', 'tekst', 'under-laas']) expect(hasRoot(stored, name), name).toBe(false);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThan(20 * 1024);
    expect(docToPlan(stored).plan).toMatchObject({ title: 'Boligplan 2027', vision: 'Et godt sted at bo' });
  });
});
