// The versions extension on an in-process server, through HTTP and the sync protocol: the facilitator saves a
// named version (a participant may not), anyone with the link lists, reads and diffs it; an update that deletes
// many nodes gets an automatic version first (the extension's beforeApplyUpdate hook) — and a server composed
// without the extension saves none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanFile } from '../../model/schema.ts';
import { docToPlan, removeNode, updateNode } from '../../model/ydoc.ts';
import { versionsExtension } from '../../server/extensions/index.ts';
import type { VersionInfo } from '../../model/protocol.ts';
import { closeAll, getJson, honest, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Versioner' },
  nodes: ids.map((id) => ({ id, kind: 'aktivitet', title: `Node ${id}` })),
  edges: [],
};

let server: InProcessServer;
let bare: InProcessServer;
beforeAll(async () => {
  [server, bare] = await Promise.all([startInProcess({ extensions: [versionsExtension()] }), startInProcess({ extensions: [] })]);
});
afterAll(async () => {
  closeAll();
  await Promise.all([server?.close(), bare?.close()]);
});

const at = (where: InProcessServer, planId: string, path: string, link: string) => `${where.url}/api/plans/${planId}${path}?token=${tokenOf(link)}`;
const save = (planId: string, link: string, name: string) =>
  fetch(at(server, planId, '/versions', link), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, author: 'Fie' }) });

async function listed(where: InProcessServer, planId: string, link: string): Promise<VersionInfo[]> {
  const { status, body } = await getJson<{ versions: VersionInfo[] }>(at(where, planId, '/versions', link));
  expect(status).toBe(200);
  return body.versions;
}

describe('versions extension', () => {
  it('saves a named version for the facilitator only, and reads and diffs it against the live plan', async () => {
    const { id, links } = await server.createPlan(plan);
    expect((await save(id, links.participant, 'Min version')).status).toBe(403);
    expect((await save(id, links.facilitator, '')).status).toBe(400);
    const saved = await save(id, links.facilitator, 'Før workshoppen');
    expect(saved.status).toBe(201);
    const info = (await saved.json()) as VersionInfo;
    expect(info).toMatchObject({ name: 'Før workshoppen', createdBy: 'Fie' });

    const fie = await honest(server, id, links.facilitator, 'Fie');
    updateNode(fie.doc, 'a1', { title: 'Lektiecafé' }, 'fie');
    const version = await getJson<PlanFile>(at(server, id, `/versions/${info.id}`, links.viewer));
    expect(version.body.nodes.find((n) => n.id === 'a1')?.title).toBe('Node a1');
    // the live plan has the edit once the server has it; the diff against it then names the new title
    const viewer = await honest(server, id, links.viewer, 'Vera');
    await until(() => docToPlan(viewer.doc).nodes.some((n) => n.title === 'Lektiecafé'), 'the edit reaches the server');
    const diff = await getJson(at(server, id, `/versions/${info.id}/diff`, links.viewer));
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body)).toContain('Lektiecafé');
    expect((await listed(server, id, links.viewer)).map((v) => v.name)).toEqual(['Før workshoppen']);
    expect((await getJson(at(server, id, '/versions/99999', links.viewer))).status).toBe(404);
  });

  it('saves an automatic version before a participant deletes many nodes at once', async () => {
    const { id, links } = await server.createPlan(plan);
    const olga = await honest(server, id, links.participant, 'Olga');
    olga.doc.transact(() => ids.forEach((node) => removeNode(olga.doc, node)), 'olga');
    const watcher = await honest(server, id, links.viewer, 'Vera');
    await until(() => docToPlan(watcher.doc).nodes.length === 0, 'the deletion arrives');
    const [automatic] = await listed(server, id, links.viewer);
    expect(automatic).toMatchObject({ name: 'Automatisk: før sletning af mange noder', createdBy: 'automatisk' });
    const before = await getJson<PlanFile>(at(server, id, `/versions/${automatic!.id}`, links.facilitator));
    expect(before.body.nodes).toHaveLength(ids.length);
  });

  it('is not there on a server composed without it', async () => {
    const { id, links } = await bare.createPlan(plan);
    const olga = await honest(bare, id, links.participant, 'Olga');
    olga.doc.transact(() => ids.forEach((node) => removeNode(olga.doc, node)), 'olga');
    const watcher = await honest(bare, id, links.viewer, 'Vera');
    await until(() => docToPlan(watcher.doc).nodes.length === 0, 'the deletion arrives');
    expect((await getJson(at(bare, id, '/versions', links.viewer))).status).toBe(404);
  });
});
