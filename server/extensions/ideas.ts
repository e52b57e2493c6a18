/**
 * Ideas first: participants write idea notes that only they see (kept on the server, never in the shared doc)
 * until the facilitator reveals them; then they are written into the doc's `ideas` map for everyone, where they
 * can be turned into typed nodes. An author is the person identity the server issued on connect (x-identity, signed
 * by the server, server/tokens.ts), not the name, which others could give too, nor a key the client invents. The
 * cap per person is backed by a cap per plan, since a new browser gets a new identity.
 */
import * as Y from 'yjs';
import type { Extension } from '../extension.ts';
import * as z from 'zod';
import type { IdeaRecord } from '../storage/types.ts';
import { WORKSHOP_ROOTS } from '../../model/workshop.ts';
import { route, HttpError, planRoute, readJsonBody, resolvePlanAccess, sendJson, tokenOf } from '../http.ts';
import type { IncomingMessage } from 'node:http';
import { verifyIdentity } from '../tokens.ts';

const MAX_IDEAS_PER_AUTHOR = 200;
const MAX_HIDDEN_IDEAS_PER_PLAN = 2000;
const ideaBody = z.object({ text: z.string().trim().min(1).max(500), author: z.string().trim().min(1).max(60) });

/** The update that writes the ideas into the doc's ideas map, made on a copy of `doc` (which it leaves alone). */
function revealUpdate(doc: Y.Doc, ideas: IdeaRecord[]): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  copy.transact(() => {
    const shared = copy.getMap(WORKSHOP_ROOTS.ideas);
    for (const idea of ideas) shared.set(`idea-${idea.id}`, { text: idea.text, author: idea.author, createdAt: idea.createdAt });
  });
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

function authorKey(req: IncomingMessage, secret: Buffer, planId: string): string {
  const header = req.headers['x-identity'];
  const personId = verifyIdentity(secret, typeof header === 'string' ? header : null, planId);
  if (!personId) throw new HttpError(403, 'Mangler en gyldig identitet (x-identity) for denne plan; genindlæs siden.');
  return personId;
}

const listOwnIdeas = route('GET', planRoute('/ideas'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  const { ideas } = ctx.rooms.storage;
  sendJson(res, 200, { mine: await ideas.list(access.planId, authorKey(req, ctx.secret, access.planId)), hidden: await ideas.count(access.planId) });
});

const addIdea = route('POST', planRoute('/ideas'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  const key = authorKey(req, ctx.secret, access.planId);
  const body = await readJsonBody(req, 16 * 1024);
  const parsed = ideaBody.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'En idé skal have en tekst (højst 500 tegn) og en forfatter.');
  const { ideas } = ctx.rooms.storage;
  if ((await ideas.count(access.planId)) >= MAX_HIDDEN_IDEAS_PER_PLAN) throw new HttpError(429, 'Der venter mange idéer i planen; vent til de bliver vist.');
  if ((await ideas.list(access.planId, key)).length >= MAX_IDEAS_PER_AUTHOR) throw new HttpError(429, 'Du har skrevet mange idéer; vent til de bliver vist.');
  sendJson(res, 201, await ideas.add(access.planId, key, parsed.data.author, parsed.data.text));
});

const deleteIdea = route('DELETE', planRoute('/ideas/(\\d+)'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  if (!(await ctx.rooms.storage.ideas.remove(access.planId, authorKey(req, ctx.secret, access.planId), Number(params[1])))) throw new HttpError(404, 'Idéen findes ikke.');
  sendJson(res, 200, { ok: true });
});

const revealIdeas = route('POST', planRoute('/ideas/reveal'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  const room = (await ctx.rooms.get(access.planId))!;
  let revealed = 0;
  // the ideas leave the private store in the same transaction that appends their update (server/room.ts)
  await room.applyServerChange(async (doc) => {
    let update: Uint8Array | null = null;
    const { seq } = await ctx.rooms.storage.ideas.reveal(access.planId, (ideas) => {
      revealed = ideas.length;
      update = ideas.length > 0 ? revealUpdate(doc, ideas) : null;
      return update;
    });
    return seq === null || !update ? null : { update, seq };
  }, 'reveal');
  sendJson(res, 200, { revealed });
});

/** Ideas first: hidden idea notes, revealed by the facilitator. */
export function ideasExtension(): Extension {
  return { name: 'ideas', routes: [listOwnIdeas, addIdea, deleteIdea, revealIdeas] };
}
