// Locks and facilitator-only state are enforced by the server: a hand-made client that ignores the UI is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNode, docToPlan, updateNode } from '../../model/ydoc.ts';
import { castVote, readLocks, setLocks, setVoting } from '../../model/workshop.ts';
import { closeAll, honest, until } from '../support/hostile.ts';
import { ALL_BUT_INDIKATOR, titleOf, workshopPlan } from '../support/workshop-plan.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAll();
  await server?.kill('SIGTERM');
});

describe('locks', () => {
  it('refuses a locked write from a client that ignores the UI, and lets unlocked ones and the facilitator through', async () => {
    const { id, links } = await server.createPlan(workshopPlan);
    const facilitator = await honest(server, id, links.facilitator, 'Fie');
    const rogue = await honest(server, id, links.participant, 'Rasmus');
    const observer = await honest(server, id, links.participant, 'Olga');

    // only indikatorer editable
    setLocks(facilitator.doc, { all: false, kinds: [...ALL_BUT_INDIKATOR] }, 'fie');
    await until(() => readLocks(rogue.doc).kinds.length === 5, 'rogue sees the lock');

    updateNode(rogue.doc, 'a1', { title: 'Hacket' }, 'rogue');
    addNode(rogue.doc, { id: 'a2', kind: 'aktivitet', title: 'Ny aktivitet' }, 'rogue');
    await until(() => rogue.refusals.length >= 1, 'rogue is told');
    expect(rogue.refusals[0]).toMatch(/låst/);

    // an indikator may still be changed and connected to a locked output
    updateNode(observer.doc, 'i1', { title: 'Antal unikke brugere' }, 'olga');
    await until(() => titleOf(facilitator.doc, 'i1') === 'Antal unikke brugere', 'unlocked edit arrives');
    expect(titleOf(facilitator.doc, 'a1')).toBe('Lektiecafé');
    expect(docToPlan(facilitator.doc).nodes.map((n) => n.id)).not.toContain('a2');

    // a participant cannot unlock
    const rogue2 = await honest(server, id, links.participant, 'Rasmus');
    setLocks(rogue2.doc, { all: false, kinds: [] }, 'rogue');
    await until(() => rogue2.refusals.length >= 1, 'unlock refused');
    expect(rogue2.refusals[0]).toMatch(/facilitatoren/i);
    expect(readLocks(facilitator.doc).kinds).toHaveLength(5);

    // the facilitator still edits locked kinds
    updateNode(facilitator.doc, 'a1', { title: 'Lektiecafé for 4.-9. klasse' }, 'fie');
    await until(() => titleOf(observer.doc, 'a1') === 'Lektiecafé for 4.-9. klasse', 'facilitator edit arrives');

    // nothing refused reached the disk
    await server.restart();
    const res = await fetch(`${server.url}/api/plans/${id}?token=${tokenOf(links.viewer)}`);
    const stored = await res.json();
    expect(stored.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['a1', 'i1', 'o1']);
    expect(stored.nodes.find((n: { id: string }) => n.id === 'a1').title).toBe('Lektiecafé for 4.-9. klasse');
  });

  it('locks the whole canvas, and enforces voting: open, own dots, budget', async () => {
    const { id, links } = await server.createPlan(workshopPlan);
    const facilitator = await honest(server, id, links.facilitator, 'Fie');
    const anna = await honest(server, id, links.participant, 'Anna');

    castVote(anna.doc, anna.identity.personId, 'a1', 1, 'anna');
    await until(() => anna.refusals.length === 1, 'vote refused while closed');
    expect(anna.refusals[0]).toMatch(/ikke åben/);

    const anna2 = await honest(server, id, links.participant, 'Anna');
    setVoting(facilitator.doc, { open: true, budget: 2 }, 'fie');
    await until(() => anna2.doc.getMap('workshop').get('voting') !== undefined, 'voting opened');
    const me = anna2.identity.personId;
    castVote(anna2.doc, me, 'a1', 1, 'anna');
    castVote(anna2.doc, me, 'o1', 1, 'anna');
    await until(() => (facilitator.doc.getMap('votes').get(me) as string[] | undefined)?.length === 2, 'two dots arrive');
    anna2.doc.getMap('votes').set(me, ['a1', 'o1', 'i1']);
    anna2.doc.getMap('votes').set(facilitator.identity.personId, ['a1']);
    await until(() => anna2.refusals.length >= 1, 'over budget refused');
    expect((facilitator.doc.getMap('votes').get(me) as string[]).length).toBe(2);
    expect(facilitator.doc.getMap('votes').get(facilitator.identity.personId)).toBeUndefined();

    const anna3 = await honest(server, id, links.participant, 'Anna');
    setLocks(facilitator.doc, { all: true, kinds: [] }, 'fie');
    await until(() => readLocks(anna3.doc).all, 'locked');
    updateNode(anna3.doc, 'i1', { title: 'Låst?' }, 'anna');
    anna3.doc.getMap('plan').set('title', 'Ny titel');
    await until(() => anna3.refusals.length >= 1, 'locked canvas refused');
    expect(titleOf(facilitator.doc, 'i1')).toBe('Antal brugere');
  });
});
