// The join-code extension on an in-process server, through HTTP and the sync protocol: only the facilitator
// creates, re-creates and revokes a code; a code opens the participant link (and that link syncs as a
// participant); a client guessing codes is stopped with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNode, docToPlan } from '../../model/ydoc.ts';
import { joinExtension } from '../../server/extensions/index.ts';
import { closeAll, honest, until } from '../support/hostile.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { tokenOf } from '../support/server.ts';
import type { PlanLinks } from '../../model/protocol.ts';

const plan = { format: 'forandringskort/v1', plan: { title: 'Koder' }, nodes: [], edges: [] };
let server: InProcessServer;
let links: PlanLinks;
let planId: string;

const codeUrl = (link: string) => `${server.url}/api/plans/${planId}/join-code?token=${encodeURIComponent(tokenOf(link))}`;

beforeAll(async () => {
  server = await startInProcess({ extensions: [joinExtension()], env: { JOIN_GUESSES_PER_MINUTE: '5' } });
  ({ id: planId, links } = await server.createPlan(plan));
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

describe('join codes', () => {
  it('only the facilitator may create, read or revoke a code', async () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect((await fetch(codeUrl(links[role]), { method: 'POST' })).status).toBe(403);
      expect((await fetch(codeUrl(links[role]))).status).toBe(403);
      expect((await fetch(codeUrl(links[role]), { method: 'DELETE' })).status).toBe(403);
    }
    expect((await fetch(`${server.url}/api/plans/${planId}/join-code`, { method: 'POST' })).status).toBe(401);
  });

  it('a code opens the participant link; re-creating or revoking it stops the old code', async () => {
    const created = await fetch(codeUrl(links.facilitator), { method: 'POST' });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(((await (await fetch(codeUrl(links.facilitator))).json()) as { code: string }).code).toBe(code);

    const joined = await fetch(`${server.url}/api/join/${code.toLowerCase().slice(0, 3)}-${code.toLowerCase().slice(3)}`);
    expect(joined.status).toBe(200);
    const body = (await joined.json()) as { planId: string; link: string; path: string };
    expect(body.planId).toBe(planId);
    expect(tokenOf(body.link)).toBe(tokenOf(links.participant));
    expect(body.path).toBe(`/p/${planId}?token=${tokenOf(links.participant)}`);
    const joiner = await honest(server, planId, body.link, 'Telefon');
    addNode(joiner.doc, { id: 'n1', kind: 'aktivitet', title: 'Fra telefonen' }, 'phone');
    const facilitator = await honest(server, planId, links.facilitator, 'Fie');
    await until(() => docToPlan(facilitator.doc).nodes.some((n) => n.title === 'Fra telefonen'), 'the joiner writes as a participant');

    const again = (await (await fetch(codeUrl(links.facilitator), { method: 'POST' })).json()) as { code: string };
    expect(again.code).not.toBe(code);
    expect((await fetch(`${server.url}/api/join/${code}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/join/${again.code}`)).status).toBe(200);

    expect((await fetch(codeUrl(links.facilitator), { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/join/${again.code}`)).status).toBe(404);
    expect(((await (await fetch(codeUrl(links.facilitator))).json()) as { code: string | null }).code).toBeNull();
  });

  it('a guessing client is stopped with 429 and Retry-After, and a right code then waits too', async () => {
    const { code } = (await (await fetch(codeUrl(links.facilitator), { method: 'POST' })).json()) as { code: string };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const guess = `ZZZZ${String(i).padStart(2, '2').replace(/[01]/g, '9')}`;
      const res = await fetch(`${server.url}/api/join/${guess}`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // wrong codes earlier in this file count too: at most 5 wrong answers in the minute, then only 429
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(5);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // the guesser cannot find the code now even if it guesses it
    expect((await fetch(`${server.url}/api/join/${code}`)).status).toBe(429);
  });
});
