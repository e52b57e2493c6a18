// Break 8 of issue 10: characters XML 1.0 does not allow (U+0000, U+0001, …) are refused at every door — plan
// files (with the JSON path), HTTP bodies, sync updates (with the reason) — and text stored before the doors
// checked is cleaned when exporting, so SVG, xlsx and docx are always well-formed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToPlan, updateNode, updatePlanInfo } from '../../model/ydoc.ts';
import { attacker, closeAll, honest, pause, plantUpdate, storedDoc, smallPlan, until, withServer } from '../support/hostile.ts';
import { tokenOf, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '..', '..');
const plan = smallPlan;

let server: TestServer;
withServer((started) => (server = started));

const nodeMap = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('nodes').get(id)!;

function wellFormed(xml: string, what: string): void {
  const parser = new SaxesParser();
  expect(() => parser.write(xml).close(), what).not.toThrow();
}

async function exportsWellFormed(planId: string, token: string): Promise<void> {
  const base = `${server.url}/api/plans/${planId}/export?token=${token}&format=`;
  const svg = await fetch(`${base}svg`);
  expect(svg.status).toBe(200);
  wellFormed(await svg.text(), 'svg');
  for (const format of ['xlsx', 'docx']) {
    const res = await fetch(`${base}${format}`);
    expect(res.status, format).toBe(200);
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) wellFormed(await zip.file(name)!.async('string'), `${format} ${name}`);
  }
}

describe('control characters', () => {
  it('refuses them in a plan file, with the JSON path, by HTTP and by the CLI', async () => {
    const bad = { ...plan, nodes: [plan.nodes[0], { ...plan.nodes[1], title: 'Flere\u0001 i uddannelse' }] };
    const res = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: Array<{ path: string; message: string }> };
    expect(body.problems[0]).toMatchObject({ path: 'nodes[1].title' });
    expect(body.problems[0]!.message).toMatch(/U\+0001/);

    const dir = mkdtempSync(join(tmpdir(), 'fk-ctl-'));
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ ...plan, plan: { title: 'Bolig\u0000plan' } }));
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'forandringskort.mjs'), 'check', file], { cwd: root, encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr + cli.stdout).toMatch(/plan\.title/);
  });

  it('refuses them in other HTTP bodies', async () => {
    const { id, links } = await server.createPlan(plan);
    const olga = await honest(server, id, links.participant, 'Olga');
    const idea = await fetch(`${server.url}/api/plans/${id}/ideas?token=${tokenOf(links.participant)}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-identity': olga.identity.token },
      body: JSON.stringify({ text: 'Grill\u0000fest', author: 'Olga' }),
    });
    expect(idea.status).toBe(400);
    expect(((await idea.json()) as { error: string }).error).toMatch(/text.*U\+0000/);
    const version = await fetch(`${server.url}/api/plans/${id}/versions?token=${tokenOf(links.facilitator)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Før\u000b pausen' }),
    });
    expect(version.status).toBe(400);
  });

  it('refuses them in sync updates with the reason, and nobody or no disk gets them', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');
    // written straight into the doc: the model's own writers would already drop the character
    rogue.attack((doc) => nodeMap(doc, 'a1').set('title', 'Lektie\u0001café'));
    await until(() => rogue.refusals.length === 1, 'title refused');
    expect(rogue.refusals[0]).toMatch(/U\+0001/);
    rogue.attack((doc) => doc.getMap<Y.Map<unknown>>('nodes').get('a1')!.set('eget felt', { 'nøgle\u0000': 'x' }));
    await until(() => rogue.refusals.length === 2, 'key refused');
    rogue.attack((doc) => doc.getMap('comments').set('c1', { id: 'c1', target: 'a1', author: 'R', text: 'hej\uFFFF', createdAt: '2026-11-23', resolved: false }));
    await until(() => rogue.refusals.length === 3, 'comment refused');
    // tab, newline and carriage return are fine
    rogue.attack((doc) => updateNode(doc, 'a1', { description: 'Linje 1\nLinje 2\tmed tab\r\n' }));
    await until(() => docToPlan(fie.doc).nodes[0]!.description === 'Linje 1\nLinje 2\tmed tab\r\n', 'allowed whitespace arrives');
    // no wait needed: the allowed update left after the refused ones, and the server relays a connection's updates in
    // order, so a refused one that had been relayed would be here before it
    expect(docToPlan(fie.doc).nodes[0]!.title).toBe('Lektiecafé');
    updatePlanInfo(fie.doc, { title: 'Boligplan 2027' }, 'fie');
    await exportsWellFormed(id, tokenOf(links.viewer));

    closeAll();
    await server.restart();
    const stored = storedDoc(server, id);
    expect(docToPlan(stored).nodes[0]!.title).toBe('Lektiecafé');
    expect(docToPlan(stored).plan.title).toBe('Boligplan 2027');
    expect(stored.getMap('comments').size).toBe(0);
  });

  it('exports well-formed files from text stored before the doors checked', async () => {
    const { id, links } = await server.createPlan(plan);
    const rogue = await attacker(server, id, links.participant, 'Rasmus');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(rogue.doc));
    const before = Y.encodeStateVector(copy);
    nodeMap(copy, 'a1').set('title', 'Lektie\u0000\u0001café');
    nodeMap(copy, 'a1').set('description', 'Tekst\u001f med\uFFFE fejl');
    copy.getMap('plan').set('title', 'Bolig\u0008plan');
    const planted = Y.encodeStateAsUpdate(copy, before);
    closeAll();
    await server.kill('SIGKILL');
    plantUpdate(server, id, planted);
    await server.restart();
    await exportsWellFormed(id, tokenOf(links.viewer));
    const md = await (await fetch(`${server.url}/api/plans/${id}/export?token=${tokenOf(links.viewer)}&format=json`)).text();
    expect(JSON.parse(md).nodes[0].title).toBe('Lektiecafé');
  });
});
