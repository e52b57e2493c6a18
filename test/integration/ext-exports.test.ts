// The exports extension on an in-process server, through HTTP and the sync protocol: it renders the live plan
// (an edit made over sync a moment ago is in the file), in every format it names, refuses an unknown format with
// the list of formats, and lets one link render only EXPORTS_PER_TOKEN exports at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docToPlan, updateNode } from '../../model/ydoc.ts';
import { exportsExtension } from '../../server/extensions/index.ts';
import { closeAll, honest, smallPlan, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';

const plan = smallPlan;

let server: InProcessServer;
beforeAll(async () => {
  // the limit comes through the server's config, as `npm start` reads it from the environment (server/config.ts)
  server = await startInProcess({ extensions: [exportsExtension()], env: { EXPORTS_PER_TOKEN: '1' } });
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

const exportUrl = (planId: string, link: string, format: string) => `${server.url}/api/plans/${planId}/export?format=${format}&token=${tokenOf(link)}`;

describe('exports extension', () => {
  it('renders the live plan, with an edit that came over sync', async () => {
    const { id, links } = await server.createPlan(plan);
    const fie = await honest(server, id, links.facilitator, 'Fie');
    updateNode(fie.doc, 'a1', { title: 'Lektiecafé om lørdagen' }, 'fie');
    const viewer = await honest(server, id, links.viewer, 'Vera');
    await until(() => docToPlan(viewer.doc).nodes.some((n) => n.title === 'Lektiecafé om lørdagen'), 'the edit reaches the server');

    const markdown = await fetch(exportUrl(id, links.viewer, 'md'));
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await markdown.text()).toContain('Lektiecafé om lørdagen');

    const json = await fetch(exportUrl(id, links.viewer, 'json'));
    const file = (await json.json()) as { nodes: { title: string }[] };
    expect(file.nodes.map((n) => n.title).sort()).toEqual(['Flere i uddannelse', 'Lektiecafé om lørdagen']);

    const word = await fetch(exportUrl(id, links.viewer, 'docx'));
    expect(word.status).toBe(200);
    expect(word.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.docx"/);
    expect(Buffer.from(await word.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown format, a missing token and a token of another plan', async () => {
    const { id, links } = await server.createPlan(plan);
    const other = await server.createPlan(plan);
    const unknown = await fetch(exportUrl(id, links.viewer, 'pdf'));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/Ukendt format "pdf".*docx, md, xlsx/);
    const badYear = await fetch(`${exportUrl(id, links.viewer, 'statusrapport')}&year=14`);
    expect(badYear.status).toBe(400);
    expect(((await badYear.json()) as { error: string }).error).toBe('year skal være et årstal som 2014, ikke "14".');
    expect((await fetch(`${server.url}/api/plans/${id}/export?format=md`)).status).toBe(401);
    expect((await fetch(exportUrl(id, other.links.viewer, 'md'))).status).toBe(403);
  });

  it('renders one export per link at a time (EXPORTS_PER_TOKEN=1); the rest wait with 429', async () => {
    const { id, links } = await server.createPlan(plan);
    const statuses = await Promise.all([1, 2, 3].map(() => fetch(exportUrl(id, links.viewer, 'docx')).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    })));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    // another link of the same plan has its own slot
    expect((await fetch(exportUrl(id, links.facilitator, 'md'))).status).toBe(200);
  });
});
