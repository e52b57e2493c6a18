// Break 3 of issue 10: a value nested thousands of levels deep (or one too large) written through sync is refused
// with a reason and reaches nobody; a plan that already holds such a value (stored before the check) still loads,
// checks and exports, with the bad value left out when reading.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToPlan, updatePlanInfo } from '../../model/ydoc.ts';
import { attacker, closeAll, deepValue, getJson, honest, pause, plantUpdate, storedDoc, smallPlan, until, withServer } from '../support/hostile.ts';
import { tokenOf, type TestServer } from '../support/server.ts';

const plan = smallPlan;

let server: TestServer;
withServer((started) => (server = started));

const nodeMap = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('nodes').get(id)!;

async function everyReadAnswers(planId: string, token: string): Promise<void> {
  const base = `${server.url}/api/plans/${planId}`;
  const got = await getJson(`${base}?token=${token}`);
  expect(got.status, JSON.stringify(got.body).slice(0, 300) + server.output().slice(-1500)).toBe(200);
  expect((await getJson(`${base}/check?token=${token}`)).status).toBe(200);
  for (const format of ['docx', 'xlsx', 'md', 'csv', 'json', 'svg']) {
    const res = await fetch(`${base}/export?format=${format}&token=${token}`);
    expect(res.status, format).toBe(200);
    await res.arrayBuffer();
  }
}

describe('poison values', () => {
  it('refuses a value nested too deep or too large, and the plan keeps answering', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');

    rogue.attack((doc) => nodeMap(doc, 'a1').set('noter', deepValue(3000)));
    await until(() => rogue.refusals.length === 1, 'deep value refused');
    expect(rogue.refusals[0]).toMatch(/indlejret dybere/);
    rogue.attack((doc) => nodeMap(doc, 'a1').set('noter', 'x'.repeat(400 * 1024)));
    await until(() => rogue.refusals.length === 2, 'large value refused');
    expect(rogue.refusals[1]).toMatch(/større end/);
    // deep nesting with shared types instead of plain JSON
    rogue.attack((doc) => {
      let inner = new Y.Map<unknown>();
      const top = inner;
      for (let i = 0; i < 50; i++) {
        const next = new Y.Map<unknown>();
        inner.set('n', next);
        inner = next;
      }
      nodeMap(doc, 'a1').set('noter', top);
    });
    await until(() => rogue.refusals.length === 3, 'nested shared types refused');
    await pause(200);
    expect(nodeMap(fie.doc, 'a1').has('noter')).toBe(false);

    updatePlanInfo(fie.doc, { title: 'Boligplan 2027' }, 'fie');
    await everyReadAnswers(id, tokenOf(links.viewer));

    closeAll();
    await server.restart();
    expect(nodeMap(storedDoc(server, id), 'a1').has('noter')).toBe(false);
    expect(docToPlan(storedDoc(server, id)).plan.title).toBe('Boligplan 2027');
    await everyReadAnswers(id, tokenOf(links.viewer));
  });

  it('loads, checks and exports a plan that already holds a poisoned value (read-repair)', async () => {
    const { id, links } = await server.createPlan(plan);
    const rogue = await attacker(server, id, links.participant, 'Rasmus');
    const poison = (() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(rogue.doc));
      const before = Y.encodeStateVector(doc);
      // 4,000 levels: still decodable by Yjs, and deep enough that the unbounded recursive read overflowed the stack
      nodeMap(doc, 'a1').set('noter', deepValue(4000));
      return Y.encodeStateAsUpdate(doc, before);
    })();
    closeAll();
    await server.kill('SIGKILL');
    plantUpdate(server, id, poison);
    await server.restart();

    const token = tokenOf(links.viewer);
    await everyReadAnswers(id, token);
    const { body } = await getJson<{ nodes: Array<Record<string, unknown>> }>(`${server.url}/api/plans/${id}?token=${token}`);
    expect(body.nodes.find((n) => n.id === 'a1')).toMatchObject({ title: 'Lektiecafé' });
    expect(body.nodes.find((n) => n.id === 'a1')).not.toHaveProperty('noter');

    // the facilitator goes on working in that plan
    const fie = await honest(server, id, links.facilitator, 'Fie');
    updatePlanInfo(fie.doc, { title: 'Reddet' }, 'fie');
    const olga = await honest(server, id, links.participant, 'Olga');
    await until(() => docToPlan(olga.doc).plan.title === 'Reddet', 'Olga sees the edit');
  });
});
