// HTTP reads that serve a plan (the plan, its check, an export, a version's diff against it, a new version) wait
// until storage has committed what they serve, as a sync reply does: while a commit is held, none of them answers;
// once it is committed, each answers with the edit in it. Without the wait they would serve an edit that a failed
// commit loses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateNode } from '../../model/ydoc.ts';
import { exportsExtension, versionsExtension } from '../../server/extensions/index.ts';
import { createMemoryStorage } from '../../server/storage/index.ts';
import { closeAll, honest, smallPlan, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

/** A memory store whose update commits can be held: `hold()` makes the next commits wait until `release()`. */
function holdableStorage() {
  const storage = createMemoryStorage();
  const append = storage.updates.appendMany.bind(storage.updates);
  let gate: Promise<void> | null = null;
  let open = () => {};
  const control = {
    storage,
    /** commits that have started and are waiting at the gate */
    waiting: 0,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
  };
  storage.updates.appendMany = async (planId, updates) => {
    if (gate) {
      control.waiting++;
      await gate;
    }
    return append(planId, updates);
  };
  return control;
}

const held = holdableStorage();
let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess({ extensions: [versionsExtension(), exportsExtension()], storage: held.storage });
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

describe('HTTP reads of a plan', () => {
  it('answer only with what storage has committed', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const token = tokenOf(links.facilitator);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    const version = (await (
      await fetch(`${server.url}/api/plans/${id}/versions?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Før' }),
      })
    ).json()) as { id: number };

    held.hold();
    updateNode(fie.doc, 'a1', { title: 'Lektiecafé om lørdagen' }, 'fie');
    // the edit is in the room and its commit has started (and waits)
    await until(() => held.waiting === 1, 'the commit of the edit starts');

    const answered: string[] = [];
    const read = (name: string, path: string, init?: RequestInit) =>
      fetch(`${server.url}/api/plans/${id}${path}${path.includes('?') ? '&' : '?'}token=${token}`, init).then(
        async (res) => {
          answered.push(name);
          return { status: res.status, text: await res.text() };
        },
      );
    const reads = {
      plan: read('plan', ''),
      check: read('check', '/check'),
      export: read('export', '/export?format=md'),
      diff: read('diff', `/versions/${version.id}/diff`),
      save: read('save', '/versions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Efter' }),
      }),
    };
    // round trips to the same server: each answers while the reads above are still waiting for the commit
    for (let i = 0; i < 10; i++) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(answered).toEqual([]);

    held.release();
    const plan = await reads.plan;
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('Lektiecafé om lørdagen');
    expect((await reads.check).status).toBe(200);
    expect((await reads.export).text).toContain('Lektiecafé om lørdagen');
    expect((await reads.diff).text).toContain('Lektiecafé om lørdagen');
    const saved = (await reads.save).text;
    const after = (JSON.parse(saved) as { id: number }).id;
    expect(await (await fetch(`${server.url}/api/plans/${id}/versions/${after}?token=${token}`)).text()).toContain(
      'Lektiecafé om lørdagen',
    );
  });
});
