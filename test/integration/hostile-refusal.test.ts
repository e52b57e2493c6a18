// Break 1 of issue 10: a refused update must not open the door for the next one. A hand-made participant client
// sends forbidden updates several times in a row (unlock, open voting, vote for someone else, change the title
// under a full lock); every one is refused, none reaches another client or the disk, and the facilitator's later
// edits still arrive.
import { describe, expect, it } from 'vitest';
import { castVote, readLocks, readVoting, readVotes, setLocks, setVoting } from '../../model/workshop.ts';
import { docToPlan, updatePlanInfo } from '../../model/ydoc.ts';
import { attacker, closeAll, honest, pause, storedDoc, smallPlan, until, withServer } from '../support/hostile.ts';
import type { TestServer } from '../support/server.ts';

const plan = smallPlan;

let server: TestServer;
withServer((started) => (server = started));

describe('a refused update', () => {
  it('leaves every following forbidden update refused too, for everyone and on disk', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const olga = await honest(server, id, links.participant, 'Olga');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');

    setLocks(fie.doc, { all: true, kinds: [] }, 'fie');
    await until(() => readLocks(rogue.doc).all && readLocks(olga.doc).all, 'everyone sees the full lock');

    const attacks: Array<(doc: import('yjs').Doc) => void> = [
      (doc) => updatePlanInfo(doc, { title: 'Hacket 1' }),
      (doc) => setLocks(doc, { all: false, kinds: [] }),
      (doc) => updatePlanInfo(doc, { title: 'Hacket 2' }),
      (doc) => setVoting(doc, { open: true, budget: 99 }),
      (doc) => castVote(doc, 'Olga', 'a1', 1),
      (doc) => updatePlanInfo(doc, { title: 'Hacket 3' }),
    ];
    for (const [index, attack] of attacks.entries()) {
      rogue.attack(attack);
      await until(() => rogue.refusals.length === index + 1, `attack ${index + 1} refused`);
    }
    await pause(300);
    for (const doc of [fie.doc, olga.doc, rogue.doc]) {
      expect(docToPlan(doc).plan.title).toBe('Boligplan');
      expect(readLocks(doc).all).toBe(true);
      expect(readVoting(doc).open).toBe(false);
      expect(readVotes(doc).size).toBe(0);
    }

    // the facilitator's later edits arrive and are kept
    setLocks(fie.doc, { all: false, kinds: [] }, 'fie');
    updatePlanInfo(fie.doc, { title: 'Boligplan 2027' }, 'fie');
    await until(() => docToPlan(olga.doc).plan.title === 'Boligplan 2027' && !readLocks(olga.doc).all, 'Olga sees the facilitator');

    // after the unlock, an honest participant edit goes through; a forbidden one right after a refusal does not
    rogue.attack((doc) => setVoting(doc, { open: true, budget: 3 }));
    await until(() => rogue.refusals.length === attacks.length + 1, 'voting attack refused');
    rogue.attack((doc) => updatePlanInfo(doc, { vision: 'Et godt sted at bo' }));
    await until(() => docToPlan(olga.doc).plan.vision === 'Et godt sted at bo', 'allowed edit arrives');
    rogue.attack((doc) => setLocks(doc, { all: true, kinds: [] }));
    await until(() => rogue.refusals.length === attacks.length + 2, 'lock attack refused');

    closeAll();
    await server.restart();
    const stored = storedDoc(server, id);
    expect(docToPlan(stored).plan).toMatchObject({ title: 'Boligplan 2027', vision: 'Et godt sted at bo' });
    expect(readLocks(stored).all).toBe(false);
    expect(readVoting(stored).open).toBe(false);
    expect(readVotes(stored).size).toBe(0);
  });
});
