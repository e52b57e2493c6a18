// The shadowCheck hook: called for each writer's update with one payload (the update's context and the shadow
// doc); the transaction check it returns sees the update applied to the shadow, and a reason refuses the update:
// the writer hears the reason, nobody else sees the edit, and an edit the check lets pass reaches everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docToPlan, updateNode } from '../../model/ydoc.ts';
import type { Extension, ShadowCheckPayload } from '../../server/extension.ts';
import { closeAll, honest, smallPlan, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';

const payloads: Array<Pick<ShadowCheckPayload, 'role' | 'name' | 'planId'>> = [];

/** Refuses any card title with "hemmelig" in it; facilitators are not checked (it returns no check for them). */
const noSecrets: Extension = {
  name: 'no-secrets',
  shadowCheck: ({ role, name, planId, shadow }) => {
    payloads.push({ role, name, planId });
    if (role === 'facilitator') return null;
    return () => {
      const titles = docToPlan(shadow).nodes.map((node) => node.title);
      return titles.some((title) => title.includes('hemmelig')) ? 'Ingen hemmeligheder på kortet.' : null;
    };
  },
};

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess({ extensions: [noSecrets] });
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

const titleOf = (doc: import('yjs').Doc, id: string) => docToPlan(doc).nodes.find((node) => node.id === id)?.title;

describe('shadowCheck', () => {
  it('refuses what its check names, to the writer only, and lets the rest through', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const pia = await honest(server, id, links.participant, 'Pia');
    const fie = await honest(server, id, links.facilitator, 'Fie');
    updateNode(pia.doc, 'a1', { title: 'Den hemmelige lektiecafé' }, 'pia');
    await until(() => pia.refusals.length > 0, 'the refusal reaches Pia');
    expect(pia.refusals).toEqual(['Ingen hemmeligheder på kortet.']);
    // an allowed edit of another participant passes, and it is all Fie sees (Pia's copy is out of step now: the
    // editor offers to load the plan again)
    const per = await honest(server, id, links.participant, 'Per');
    updateNode(per.doc, 'm1', { title: 'Flere i job' }, 'per');
    await until(() => titleOf(fie.doc, 'm1') === 'Flere i job', 'the allowed edit reaches Fie');
    expect(titleOf(fie.doc, 'a1')).toBe('Lektiecafé');
    // a writer the hook returns no check for is not held by it
    updateNode(fie.doc, 'a1', { title: 'Fies hemmelige note' }, 'fie');
    await until(() => titleOf(per.doc, 'a1') === 'Fies hemmelige note', "Fie's edit reaches Per");
    expect(payloads).toContainEqual({ role: 'participant', name: 'Pia', planId: id });
    expect(payloads).toContainEqual({ role: 'facilitator', name: 'Fie', planId: id });
  });
});
