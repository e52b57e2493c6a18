// Two servers composed in one process share nothing: routes come from each server's own extensions, the limiters
// count per server, and a lock set in one server's plan does not hold in the other's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToPlan, updateNode } from '../../model/ydoc.ts';
import { readLocks, setLocks } from '../../model/workshop.ts';
import { defaultExtensions, ideasExtension } from '../../server/extensions/index.ts';
import { closeAll, honest, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

const plan = { format: 'forandringskort/v1', plan: { title: 'To servere' }, nodes: [{ id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' }], edges: [] };
const env = { PLANS_PER_MINUTE: '3', JOIN_GUESSES_PER_MINUTE: '2' };
const titleOf = (doc: Y.Doc, id: string) => docToPlan(doc).nodes.find((n) => n.id === id)?.title;

let first: InProcessServer;
let second: InProcessServer;
let ideasOnly: InProcessServer;
beforeAll(async () => {
  [first, second, ideasOnly] = await Promise.all([
    startInProcess({ extensions: defaultExtensions(), env }),
    startInProcess({ extensions: defaultExtensions(), env }),
    startInProcess({ extensions: [ideasExtension()] }),
  ]);
});
afterAll(async () => {
  closeAll();
  await Promise.all([first?.close(), second?.close(), ideasOnly?.close()]);
});

const create = (server: InProcessServer) => fetch(`${server.url}/api/plans`, { method: 'POST', body: JSON.stringify(plan) });

describe('two servers in one process', () => {
  // runs first: each server has created one plan when the limiter is tested below
  it('keep a lock in the server where it was set', async () => {
    const locked = await first.createPlan(plan);
    const free = await second.createPlan(plan);
    const facilitator = await honest(first, locked.id, locked.links.facilitator, 'Fie');
    setLocks(facilitator.doc, { all: true, kinds: [] }, 'fie');
    const lockedParticipant = await honest(first, locked.id, locked.links.participant, 'Rasmus');
    await until(() => readLocks(lockedParticipant.doc).all, 'the lock arrives');
    updateNode(lockedParticipant.doc, 'a1', { title: 'Låst' }, 'rasmus');
    await until(() => lockedParticipant.refusals.length === 1, 'refused under the lock');

    const freeParticipant = await honest(second, free.id, free.links.participant, 'Olga');
    const freeFacilitator = await honest(second, free.id, free.links.facilitator, 'Finn');
    expect(readLocks(freeParticipant.doc).all).toBe(false);
    updateNode(freeParticipant.doc, 'a1', { title: 'Fri' }, 'olga');
    await until(() => titleOf(freeFacilitator.doc, 'a1') === 'Fri', 'the free edit arrives');
    expect(freeParticipant.refusals).toEqual([]);
  });

  it('count plan creations each for itself', async () => {
    expect((await create(first)).status).toBe(201);
    expect((await create(first)).status).toBe(201);
    expect((await create(first)).status).toBe(429);
    expect((await create(second)).status).toBe(201);
  });

  it('count wrong join codes each for itself', async () => {
    const guess = (server: InProcessServer) => fetch(`${server.url}/api/join/ZZZZZZ`).then((res) => res.status);
    expect(await guess(first)).toBe(404);
    expect(await guess(first)).toBe(404);
    expect(await guess(first)).toBe(429);
    expect(await guess(second)).toBe(404);
  });

  it('answer only the routes of their own extensions', async () => {
    const { id, links } = await ideasOnly.createPlan(plan);
    const token = tokenOf(links.facilitator);
    expect((await fetch(`${ideasOnly.url}/api/plans/${id}/versions?token=${token}`)).status).toBe(404);
    expect((await fetch(`${ideasOnly.url}/api/plans/${id}/join-code?token=${token}`)).status).toBe(404);
    expect((await fetch(`${ideasOnly.url}/api/plans/${id}/ideas/reveal?token=${token}`, { method: 'POST' })).status).toBe(200);
    // the workshop rules are not composed into this server either: a participant may write the facilitator's state
    const participant = await honest(ideasOnly, id, links.participant, 'Rasmus');
    setLocks(participant.doc, { all: true, kinds: [] }, 'rasmus');
    const facilitator = await honest(ideasOnly, id, links.facilitator, 'Fie');
    await until(() => readLocks(facilitator.doc).all, 'the participant’s lock arrives');
  });
});
