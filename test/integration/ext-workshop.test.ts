// The workshop extension on an in-process server: through the sync protocol only, a participant who ignores the
// UI cannot write into locked kinds, unlock, or vote for someone else. A server composed without the extension lets
// the very same updates through: the rules live in the extension, not in the core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateNode } from '../../model/ydoc.ts';
import { castVote, readLocks, readVotes, readVoting, setLocks, setVoting } from '../../model/workshop.ts';
import { workshopExtension } from '../../server/extensions/workshop.ts';
import { closeAll, honest, until } from '../support/hostile.ts';
import { ALL_BUT_INDIKATOR, titleOf, workshopPlan } from '../support/workshop-plan.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';

let withWorkshop: InProcessServer;
let bare: InProcessServer;
beforeAll(async () => {
  withWorkshop = await startInProcess({ extensions: [workshopExtension()] });
  bare = await startInProcess({ extensions: [] });
});
afterAll(async () => {
  closeAll();
  await withWorkshop?.close();
  await bare?.close();
});

/** A facilitator who locks every kind but indikator, and a participant who has seen the lock. */
async function lockedRoom(server: InProcessServer) {
  const { id, links } = await server.createPlan(workshopPlan);
  const facilitator = await honest(server, id, links.facilitator, 'Fie');
  const participant = await honest(server, id, links.participant, 'Rasmus');
  setLocks(facilitator.doc, { all: false, kinds: [...ALL_BUT_INDIKATOR] }, 'fie');
  await until(() => readLocks(participant.doc).kinds.length === ALL_BUT_INDIKATOR.length, 'the participant sees the lock');
  return { id, links, facilitator, participant };
}

describe('workshop extension', () => {
  it('refuses a write into a locked kind and lets an unlocked one through', async () => {
    const { id, links, facilitator, participant } = await lockedRoom(withWorkshop);
    updateNode(participant.doc, 'a1', { title: 'Hacket' }, 'rasmus');
    await until(() => participant.refusals.length === 1, 'the participant is told');
    expect(participant.refusals[0]).toMatch(/låst/);
    // a refused client resyncs from the server before it writes again (the editor does); a fresh one stands in
    const other = await honest(withWorkshop, id, links.participant, 'Olga');
    updateNode(other.doc, 'i1', { title: 'Antal unikke brugere' }, 'olga');
    await until(() => titleOf(facilitator.doc, 'i1') === 'Antal unikke brugere', 'the unlocked edit arrives');
    expect(titleOf(facilitator.doc, 'a1')).toBe('Lektiecafé');
  });

  it('refuses a participant who unlocks, and votes for someone else', async () => {
    const { id, links, facilitator, participant } = await lockedRoom(withWorkshop);
    setLocks(participant.doc, { all: false, kinds: [] }, 'rasmus');
    await until(() => participant.refusals.length === 1, 'the unlock is refused');
    expect(participant.refusals[0]).toMatch(/facilitatoren/i);
    expect(readLocks(facilitator.doc).kinds).toHaveLength(ALL_BUT_INDIKATOR.length);

    setVoting(facilitator.doc, { open: true, budget: 3 }, 'fie');
    const anna = await honest(withWorkshop, id, links.participant, 'Anna');
    await until(() => readVoting(anna.doc).open, 'Anna sees voting open');
    castVote(anna.doc, 'someone-else', 'i1', 1, 'anna');
    await until(() => anna.refusals.length === 1, 'the forged vote is refused');
    expect(anna.refusals[0]).toMatch(/egne stemmer/);
    expect(readVotes(facilitator.doc).has('someone-else')).toBe(false);
  });

  it('does nothing on a server composed without it: the same locked write goes through', async () => {
    const { facilitator, participant } = await lockedRoom(bare);
    updateNode(participant.doc, 'a1', { title: 'Uden låse' }, 'rasmus');
    await until(() => titleOf(facilitator.doc, 'a1') === 'Uden låse', 'the write arrives');
    expect(participant.refusals).toEqual([]);
  });
});
