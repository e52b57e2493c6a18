// Each server owns its worker pool: closing one of two servers in a process leaves the other's running worker task
// (a Word export of Rum for Liv over HTTP) to finish, and a closed server leaves no worker thread behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportsExtension } from '../../server/extensions/index.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

const rumForLiv = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'rum-for-liv.json'), 'utf8')) as unknown;

/** Worker threads alive in this process, as Node's diagnostic report lists them. */
function workerThreads(): number {
  const report = process.report.getReport() as unknown as { workers?: unknown[] };
  return report.workers?.length ?? 0;
}

const open: InProcessServer[] = [];
afterAll(async () => {
  await Promise.all(open.map((server) => server.close()));
});

describe('one worker pool per server', () => {
  it("closing one server leaves the other's running export alone; a closed server leaves no threads", async () => {
    const before = workerThreads();
    const a = await startInProcess({ extensions: [exportsExtension()] });
    const b = await startInProcess({ extensions: [exportsExtension()] });
    open.push(a, b);
    const { id, links } = await a.createPlan(rumForLiv);
    const { id: idOnB, links: linksOnB } = await b.createPlan(rumForLiv);
    const word = (server: InProcessServer, planId: string, link: string) =>
      fetch(`${server.url}/api/plans/${planId}/export?format=docx&token=${tokenOf(link)}`);
    // both pools have loaded the exporters, so the export below is running in A's worker when B closes
    expect((await word(a, id, links.viewer)).status).toBe(200);
    expect((await fetch(`${b.url}/api/plans/${idOnB}/export?format=md&token=${tokenOf(linksOnB.viewer)}`)).status).toBe(200);
    expect(workerThreads()).toBeGreaterThan(before);

    const exporting = word(a, id, links.viewer);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await b.close();
    open.splice(open.indexOf(b), 1);
    const response = await exporting;
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    // A still renders after B is gone, and its threads end with it
    expect((await word(a, id, links.viewer)).status).toBe(200);
    await a.close();
    open.splice(open.indexOf(a), 1);
    expect(workerThreads()).toBe(before);
  }, 120_000);
});
