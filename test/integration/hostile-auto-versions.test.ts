// Break 9 (recovery) of issue 10: a participant who deletes many nodes at once cannot destroy the room's work. The
// server saves an automatic version before such an update, before a restore or import (the editor asks), and every
// AUTO_VERSION_EVERY_MS of activity; the facilitator restores any of them; old automatic versions are pruned.
import { describe, expect, it } from 'vitest';
import { docToPlan, removeNode, replacePlan, updatePlanInfo } from '../../model/ydoc.ts';
import type { PlanFile } from '../../model/schema.ts';
import { attacker, closeAll, getJson, honest, pause, storedDoc, until, withServer } from '../support/hostile.ts';
import { tokenOf, type TestServer } from '../support/server.ts';

const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'm1'];
const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Boligplan' },
  nodes: ids.map((id) => ({ id, kind: id.startsWith('m') ? 'maal' : 'aktivitet', title: `Node ${id}` })),
  edges: [{ from: 'a1', to: 'm1', kind: 'bidrager-til' }],
};

interface Version { id: number; name: string; createdBy: string; createdAt: string }

let server: TestServer;
withServer((started) => (server = started), { env: { AUTO_VERSION_EVERY_MS: '2000' } });

async function versions(planId: string, link: string): Promise<Version[]> {
  const { status, body } = await getJson<{ versions: Version[] }>(`${server.url}/api/plans/${planId}/versions?token=${tokenOf(link)}`);
  expect(status).toBe(200);
  return body.versions;
}

async function askAutoVersion(planId: string, link: string, reason: string): Promise<number> {
  const res = await fetch(`${server.url}/api/plans/${planId}/versions/auto?token=${tokenOf(link)}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }),
  });
  await res.arrayBuffer();
  return res.status;
}

const automatic = (list: Version[]) => list.filter((v) => v.name.startsWith('Automatisk:'));

describe('automatic versions', () => {
  it('saves one before a mass deletion and before a restore, and the facilitator restores the plan from it', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const olga = await honest(server, id, links.participant, 'Olga');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');

    // one node deleted: an ordinary edit, no version
    rogue.attack((doc) => removeNode(doc, 'a7'));
    await until(() => docToPlan(olga.doc).nodes.length === 7, 'one deletion arrives');
    expect(automatic(await versions(id, links.viewer))).toEqual([]);

    rogue.attack((doc) => ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].forEach((node) => removeNode(doc, node)));
    await until(() => docToPlan(olga.doc).nodes.length === 1, 'the mass deletion arrives');
    const [saved] = automatic(await versions(id, links.viewer));
    expect(saved).toMatchObject({ name: 'Automatisk: før sletning af mange noder', createdBy: 'automatisk' });
    const { body: before } = await getJson<PlanFile>(`${server.url}/api/plans/${id}/versions/${saved!.id}?token=${tokenOf(links.facilitator)}`);
    expect(before.nodes.map((n) => n.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'm1']);

    // the facilitator restores it as the editor does: ask for a version of the present, then replace
    expect(await askAutoVersion(id, links.facilitator, 'restore')).toBe(201);
    expect(await askAutoVersion(id, links.facilitator, 'restore')).toBe(200); // nothing changed since: no second copy
    replacePlan(fie.doc, before, 'fie');
    await until(() => docToPlan(olga.doc).nodes.length === 7, 'Olga sees the restored plan');
    const names = automatic(await versions(id, links.viewer)).map((v) => v.name);
    expect(names).toEqual(['Automatisk: før gendannelse', 'Automatisk: før sletning af mange noder']);
    // a viewer may not ask for versions
    expect(await askAutoVersion(id, links.viewer, 'restore')).toBe(403);

    closeAll();
    await server.restart();
    expect(docToPlan(storedDoc(server, id)).nodes).toHaveLength(7);
    expect(automatic(await versions(id, links.viewer))).toHaveLength(2);
  });

  it('saves one after a stretch of activity, and keeps at most the newest 20 of a day', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    updatePlanInfo(fie.doc, { title: 'Første' }, 'fie');
    await pause(2200);
    updatePlanInfo(fie.doc, { title: 'Anden' }, 'fie');
    await until(() => docToPlan(storedDoc(server, id)).plan.title === 'Anden', 'edit stored');
    const interval = automatic(await versions(id, links.viewer));
    expect(interval.map((v) => v.name)).toEqual(['Automatisk: kvarterets version']);
    const { body: kept } = await getJson<PlanFile>(`${server.url}/api/plans/${id}/versions/${interval[0]!.id}?token=${tokenOf(links.facilitator)}`);
    expect(kept.plan.title).toBe('Første');

    for (let i = 0; i < 24; i++) {
      updatePlanInfo(fie.doc, { title: `Udkast ${i}` }, 'fie');
      await until(() => docToPlan(storedDoc(server, id)).plan.title === `Udkast ${i}`, `edit ${i} stored`);
      expect(await askAutoVersion(id, links.participant, 'import')).toBe(201);
    }
    const list = automatic(await versions(id, links.viewer));
    expect(list).toHaveLength(20);
    expect(list[0]!.name).toBe('Automatisk: før import');
  });
});
