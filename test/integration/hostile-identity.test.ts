// Borrowed identity: votes, ideas and comments hang on the identity the server issued, never on a name or a key
// the client makes up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, castVote, resolveComment, setVoting } from '../../model/workshop.ts';
import { connectProvider, destroyProviders, smallPlan, until, type HandmadeClient } from '../support/handmade.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  destroyProviders();
  await server?.kill('SIGTERM');
});

const ready = (...clients: HandmadeClient[]) =>
  until(() => clients.every((c) => c.provider.synced && c.identity !== null), 'synced, with an identity');
const dotsOf = (client: HandmadeClient, person: string) => (client.doc.getMap('votes').get(person) as string[] | undefined) ?? [];

describe('identity', () => {
  it('is issued by the server, kept on reconnect, and a forged one is replaced', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const anna = connectProvider(server, id, links.participant, 'Anna');
    await ready(anna);
    const again = connectProvider(server, id, links.participant, 'Anna', anna.identity!.token);
    const impostor = connectProvider(server, id, links.participant, 'Anna');
    const [payload, signature] = anna.identity!.token.split('.');
    const claimed = Buffer.from(JSON.stringify({ p: id, i: 'someone-else', v: 1 })).toString('base64url');
    const forger = connectProvider(server, id, links.participant, 'Anna', `${claimed}.${signature}`);
    await ready(again, impostor, forger);
    expect(payload).toBeTruthy();
    expect(again.identity!.personId).toBe(anna.identity!.personId);
    expect(impostor.identity!.personId).not.toBe(anna.identity!.personId);
    expect(forger.identity!.personId).not.toBe('someone-else');
    expect(forger.identity!.personId).not.toBe(anna.identity!.personId);
  });

  /** A plan with voting open, Anna's dot on a1 and Anna's comment on a1, and an impostor who also calls himself Anna. */
  async function room() {
    const { id, links } = await server.createPlan(smallPlan);
    const fie = connectProvider(server, id, links.facilitator, 'Fie');
    const anna = connectProvider(server, id, links.participant, 'Anna');
    const impostor = connectProvider(server, id, links.participant, 'Anna');
    await ready(fie, anna, impostor);
    setVoting(fie.doc, { open: true, budget: 3 }, 'fie');
    await until(() => anna.doc.getMap('workshop').get('voting') !== undefined, 'voting open');
    castVote(anna.doc, anna.identity!.personId, 'a1', 1, 'anna');
    addComment(anna.doc, comment('c1', 'Anna', anna.identity!.personId, 'Hvordan måler vi det?'), 'anna');
    await until(() => dotsOf(impostor, anna.identity!.personId).length === 1 && impostor.doc.getMap('comments').size === 1, 'the impostor sees Anna’s dot and comment');
    // Each attack is the first refusal in its room: a refused client's doc is out of step with the server's.
    return { id, links, fie, anna, impostor, me: impostor.identity!.personId, annaId: anna.identity!.personId };
  }

  const comment = (id: string, author: string, authorId: string, text: string) =>
    ({ id, target: 'a1', author, authorId, text, createdAt: new Date().toISOString(), resolved: false });

  it('keeps a person’s dots theirs when someone connects under the same name', async () => {
    const replace = await room();
    const votes = replace.impostor.doc.getMap('votes');
    for (const person of [...votes.keys()]) if (person !== replace.me) votes.set(person, []);
    await until(() => replace.impostor.refusals.length >= 1, 'replacing Anna’s dots refused');

    const byName = await room();
    castVote(byName.impostor.doc, 'Anna', 'o1', 1, 'impostor');
    await until(() => byName.impostor.refusals.length >= 1, 'voting under a display name refused');

    const own = await room();
    castVote(own.impostor.doc, own.me, 'o1', 1, 'impostor');
    await until(() => dotsOf(own.fie, own.me).length === 1, 'the impostor’s own dot arrives');
    for (const { fie, annaId } of [replace, byName, own]) {
      expect(dotsOf(fie, annaId)).toEqual(['a1']);
      expect(fie.doc.getMap('votes').get('Anna')).toBeUndefined();
    }
  });

  it('lets nobody write or rewrite a comment under someone else’s identity or name', async () => {
    const attacks: ((r: Awaited<ReturnType<typeof room>>) => void)[] = [
      (r) => addComment(r.impostor.doc, comment('c2', 'Anna', r.annaId, 'Jeg trækker det tilbage'), 'impostor'),
      (r) => addComment(r.impostor.doc, comment('c2', 'Fie', r.me, 'Facilitatoren siger stop'), 'impostor'),
      (r) => r.impostor.doc.getMap('comments').set('c1', { ...(r.impostor.doc.getMap('comments').get('c1') as object), text: 'Omskrevet' }),
      (r) => r.impostor.doc.getMap('comments').delete('c1'),
    ];
    for (const attack of attacks) {
      const r = await room();
      attack(r);
      await until(() => r.impostor.refusals.length >= 1, 'the forged comment is refused');
      expect(r.fie.doc.getMap('comments').size).toBe(1);
      expect((r.fie.doc.getMap('comments').get('c1') as { text: string }).text).toBe('Hvordan måler vi det?');
    }
    // resolving anyone's comment is allowed, and a comment of one's own goes through
    const r = await room();
    resolveComment(r.impostor.doc, 'c1', true, 'impostor');
    addComment(r.impostor.doc, comment('c3', 'Anna', r.me, 'Godt spørgsmål'), 'impostor');
    await until(() => r.fie.doc.getMap('comments').size === 2 && (r.fie.doc.getMap('comments').get('c1') as { resolved: boolean }).resolved, 'resolve and own comment arrive');
    expect(r.impostor.refusals).toEqual([]);
  });

  it('caps ideas per issued identity: a key the client invents is refused', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const anna = connectProvider(server, id, links.participant, 'Anna');
    await ready(anna);
    const url = `${server.url}/api/plans/${id}/ideas?token=${encodeURIComponent(tokenOf(links.participant))}`;
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text: 'Lektiecafé', author: 'Anna' }) });
    expect((await post({ 'x-author-key': 'opfundet-noegle-1234567890' })).status).toBe(403);
    expect((await post({ 'x-identity': `${anna.identity!.token.split('.')[0]}.forfalsket` })).status).toBe(403);
    expect((await post({ 'x-identity': anna.identity!.token })).status).toBe(201);
    const mine = await fetch(url, { headers: { 'x-identity': anna.identity!.token } });
    expect(((await mine.json()) as { mine: unknown[] }).mine).toHaveLength(1);
  });
});
