// A burst: the server applies the updates one connection sends in one turn in a single transaction (server/sync.ts,
// applyInbox). A hand-made participant sends, in ONE socket write, a chain of allowed edits that build on each
// other, a locked edit and a new top-level root in between, and a sync request at the end. Each update is still
// judged on its own: the chain is taken whole, the forbidden ones are refused and reach no one and no disk, and the
// sync reply comes after the burst (it carries the chain's last edit).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setLocks, readLocks } from '../../model/workshop.ts';
import { updateNode } from '../../model/ydoc.ts';
import { attacker, honest, storedDoc, until, withServer } from '../support/hostile.ts';
import { ALL_BUT_INDIKATOR, titleOf, workshopPlan } from '../support/workshop-plan.ts';
import type { TestServer } from '../support/server.ts';

let server: TestServer;
withServer((started) => (server = started));

/** A copy of `doc` under a client id of its own, and the updates each `edit` makes on it, one after the other. */
function chain(doc: Y.Doc, edits: Array<(copy: Y.Doc) => void>): Uint8Array[] {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return edits.map((edit) => {
    const before = Y.encodeStateVector(copy);
    edit(copy);
    return Y.encodeStateAsUpdate(copy, before);
  });
}

describe('a burst of updates in one write', () => {
  it('judges each update alone, applies the allowed chain whole, and answers the sync request after it', async () => {
    const { id, links } = await server.createPlan(workshopPlan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const olga = await honest(server, id, links.participant, 'Olga');
    const rogue = await attacker(server, id, links.participant, 'Rasmus');
    setLocks(fie.doc, { all: false, kinds: [...ALL_BUT_INDIKATOR] }, 'fie');
    await until(() => readLocks(rogue.doc).kinds.length === ALL_BUT_INDIKATOR.length, 'the rogue sees the lock');

    const before = Y.encodeStateVector(rogue.doc);
    const [first, second, third] = chain(rogue.doc, [
      (doc) => updateNode(doc, 'i1', { title: 'Antal brugere pr. uge' }),
      (doc) => updateNode(doc, 'i1', { title: 'Antal unikke brugere pr. uge' }),
      (doc) => updateNode(doc, 'i1', { title: 'Antal unikke brugere pr. måned' }),
    ]);
    const [locked] = chain(rogue.doc, [(doc) => updateNode(doc, 'a1', { title: 'Hacket' })]);
    const [newRoot] = chain(rogue.doc, [(doc) => doc.getMap('bagdør').set('x', 1)]);
    rogue.burst([first!, locked!, second!, newRoot!, third!], before);

    await until(() => titleOf(olga.doc, 'i1') === 'Antal unikke brugere pr. måned', 'the chain reaches Olga');
    await until(() => rogue.refusals.length === 2, 'both forbidden updates are refused');
    expect(rogue.refusals[0]).toMatch(/låst/);
    // the sync reply left after the burst was applied: it carries the rogue's own last edit (never echoed otherwise)
    await until(() => titleOf(rogue.doc, 'i1') === 'Antal unikke brugere pr. måned', 'the sync reply carries the chain');
    // a round trip instead of a pause: Fie's marker is relayed after the burst, so whoever has it has had
    // everything the server ever sent of the burst
    updateNode(fie.doc, 'i1', { description: 'markør efter salven' }, 'fie');
    const marked = (doc: Y.Doc) => ((doc.getMap('nodes').get('i1') as Y.Map<unknown> | undefined)?.get('description') ?? '').toString() === 'markør efter salven';
    await until(() => marked(olga.doc) && marked(rogue.doc), 'the marker after the burst reaches Olga and the rogue');
    for (const doc of [fie.doc, olga.doc, rogue.doc]) {
      expect(titleOf(doc, 'a1')).toBe('Lektiecafé');
      expect(doc.share.has('bagdør')).toBe(false);
    }
    await server.restart();
    const stored = storedDoc(server, id);
    expect(titleOf(stored, 'i1')).toBe('Antal unikke brugere pr. måned');
    expect(titleOf(stored, 'a1')).toBe('Lektiecafé');
    expect(stored.share.has('bagdør')).toBe(false);
  });
});
