// The beforeApplyUpdate hook: called once per allowed update, before the room applies it, with one payload
// {room, effect, ctx}: the room still holds the plan before the update, and `effect` counts the nodes it deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docToPlan, removeNode, updateNode } from '../../model/ydoc.ts';
import type { Extension } from '../../server/extension.ts';
import { closeAll, honest, smallPlan, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';

interface Seen {
  planId: string;
  nodesInRoom: number;
  deletedNodes: number;
  sameServer: boolean;
}
const seen: Seen[] = [];
let server: InProcessServer;

const watcher: Extension = {
  name: 'watcher',
  beforeApplyUpdate: ({ room, effect, ctx }) => {
    seen.push({
      planId: room.planId,
      nodesInRoom: room.doc.getMap('nodes').size,
      deletedNodes: effect?.deletedNodes ?? 0,
      sameServer: ctx === server.app.ctx,
    });
  },
};

beforeAll(async () => {
  server = await startInProcess({ extensions: [watcher] });
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

describe('beforeApplyUpdate', () => {
  it('sees each allowed update before the room applies it, with what it deletes', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const vera = await honest(server, id, links.viewer, 'Vera');
    seen.length = 0;
    updateNode(fie.doc, 'a1', { title: 'Lektiecafé om lørdagen' }, 'fie');
    await until(
      () => docToPlan(vera.doc).nodes.some((node) => node.title === 'Lektiecafé om lørdagen'),
      'the edit reaches Vera',
    );
    removeNode(fie.doc, 'm1', 'fie');
    await until(() => !docToPlan(vera.doc).nodes.some((node) => node.id === 'm1'), 'the deletion reaches Vera');
    expect(seen.filter((entry) => entry.planId === id)).toEqual([
      { planId: id, nodesInRoom: 2, deletedNodes: 0, sameServer: true },
      // the room still holds m1 when the hook runs: it is called before the update is applied
      { planId: id, nodesInRoom: 2, deletedNodes: 1, sameServer: true },
    ]);
  });
});
