// The ideas extension on an in-process server, through HTTP and the sync protocol: an idea stays with its author
// (never in the shared doc) until the facilitator reveals it; then every client receives it live, and it is part
// of the stored plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSHOP_ROOTS } from '../../model/workshop.ts';
import { ideasExtension, workshopExtension } from '../../server/extensions/index.ts';
import { closeAll, honest, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

const plan = { format: 'forandringskort/v1', plan: { title: 'Idéer' }, nodes: [], edges: [] };

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess({ extensions: [workshopExtension(), ideasExtension()], storage: 'sqlite' });
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

function ideas(planId: string, link: string, identity?: string, init: RequestInit = {}, path = '') {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(identity ? { 'x-identity': identity } : {}) };
  return fetch(`${server.url}/api/plans/${planId}/ideas${path}?token=${tokenOf(link)}`, { ...init, headers });
}

const write = (text: string, author: string) => ({ method: 'POST', body: JSON.stringify({ text, author }) });

describe('ideas extension', () => {
  it('keeps an idea with its author until the facilitator reveals it to everyone', async () => {
    const { id, links } = await server.createPlan(plan);
    const anna = await honest(server, id, links.participant, 'Anna');
    const bo = await honest(server, id, links.participant, 'Bo');
    const facilitator = await honest(server, id, links.facilitator, 'Fie');

    expect((await ideas(id, links.participant, undefined, write('Uden identitet', 'Anna'))).status).toBe(403);
    expect((await ideas(id, links.viewer, anna.identity.token, write('Som læser', 'Anna'))).status).toBe(403);
    const created = await ideas(id, links.participant, anna.identity.token, write('Lektiecafé om lørdagen', 'Anna'));
    expect(created.status).toBe(201);
    const idea = (await created.json()) as { id: number };

    const ofAnna = (await (await ideas(id, links.participant, anna.identity.token)).json()) as { mine: { text: string }[]; hidden: number };
    const ofBo = (await (await ideas(id, links.participant, bo.identity.token)).json()) as { mine: unknown[]; hidden: number };
    expect(ofAnna.mine.map((i) => i.text)).toEqual(['Lektiecafé om lørdagen']);
    expect(ofBo).toEqual({ mine: [], hidden: 1 });
    expect((await ideas(id, links.participant, bo.identity.token, { method: 'DELETE' }, `/${idea.id}`)).status).toBe(404);
    expect(bo.doc.getMap(WORKSHOP_ROOTS.ideas).size).toBe(0);

    expect((await ideas(id, links.participant, anna.identity.token, { method: 'POST' }, '/reveal')).status).toBe(403);
    const reveal = await ideas(id, links.facilitator, facilitator.identity.token, { method: 'POST' }, '/reveal');
    expect(await reveal.json()).toEqual({ revealed: 1 });
    const shown = (client: typeof bo) => [...client.doc.getMap(WORKSHOP_ROOTS.ideas).values()].map((v) => (v as { text: string }).text);
    await until(() => shown(bo).length === 1 && shown(anna).length === 1, 'every client receives the revealed idea');
    expect(shown(bo)).toEqual(['Lektiecafé om lørdagen']);
    expect(((await (await ideas(id, links.participant, bo.identity.token)).json()) as { hidden: number }).hidden).toBe(0);

    // revealed means stored in the plan: a newcomer loads it from the server
    const late = await honest(server, id, links.viewer, 'Lis');
    expect(shown(late)).toEqual(['Lektiecafé om lørdagen']);
  });

  it('refuses a participant who writes an idea into the shared doc', async () => {
    const { id, links } = await server.createPlan(plan);
    const rogue = await honest(server, id, links.participant, 'Rasmus');
    rogue.doc.getMap(WORKSHOP_ROOTS.ideas).set('idea-x', { text: 'Snydt ind', author: 'Rasmus' });
    await until(() => rogue.refusals.length === 1, 'refused');
    expect(rogue.refusals[0]).toMatch(/Idéer vises kun/);
  });
});
