/**
 * Ideas first: participants write idea notes that only they see (kept on the server, never in the shared doc)
 * until the facilitator reveals them; then they are written into the doc's `ideas` map for everyone, where they
 * can be turned into typed nodes. An author is the person identity the server issued on connect (x-identity, signed
 * by the server, server/tokens.ts), not the name, which others could give too, nor a key the client invents. The
 * cap per person is backed by a cap per plan, since a new browser gets a new identity.
 */
import type { Extension } from '../extension.ts';
import { z } from 'zod';
import { WORKSHOP_ROOTS } from '../../model/workshop.ts';
import { route, HttpError, planRoute, readJsonBody, resolvePlanAccess, sendJson, tokenOf } from '../http.ts';
import type { IncomingMessage } from 'node:http';
import { verifyIdentity } from '../tokens.ts';

const MAX_IDEAS_PER_AUTHOR = 200;
const MAX_HIDDEN_IDEAS_PER_PLAN = 2000;
const ideaBody = z.object({ text: z.string().trim().min(1).max(500), author: z.string().trim().min(1).max(60) });

function authorKey(req: IncomingMessage, secret: Buffer, planId: string): string {
  const header = req.headers['x-identity'];
  const personId = verifyIdentity(secret, typeof header === 'string' ? header : null, planId);
  if (!personId) throw new HttpError(403, 'Mangler en gyldig identitet (x-identity) for denne plan; genindlæs siden.');
  return personId;
}

const listOwnIdeas = route('GET', planRoute('/ideas'), ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  sendJson(res, 200, { mine: ctx.rooms.store.listIdeas(access.planId, authorKey(req, ctx.secret, access.planId)), hidden: ctx.rooms.store.countIdeas(access.planId) });
});

const addIdea = route('POST', planRoute('/ideas'), async ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  const key = authorKey(req, ctx.secret, access.planId);
  const body = await readJsonBody(req, 16 * 1024);
  const parsed = ideaBody.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'En idé skal have en tekst (højst 500 tegn) og en forfatter.');
  if (ctx.rooms.store.countIdeas(access.planId) >= MAX_HIDDEN_IDEAS_PER_PLAN) throw new HttpError(429, 'Der venter mange idéer i planen; vent til de bliver vist.');
  if (ctx.rooms.store.listIdeas(access.planId, key).length >= MAX_IDEAS_PER_AUTHOR) throw new HttpError(429, 'Du har skrevet mange idéer; vent til de bliver vist.');
  sendJson(res, 201, ctx.rooms.store.addIdea(access.planId, key, parsed.data.author, parsed.data.text));
});

const deleteIdea = route('DELETE', planRoute('/ideas/(\\d+)'), ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  if (!ctx.rooms.store.deleteIdea(access.planId, authorKey(req, ctx.secret, access.planId), Number(params[1]))) throw new HttpError(404, 'Idéen findes ikke.');
  sendJson(res, 200, { ok: true });
});

const revealIdeas = route('POST', planRoute('/ideas/reveal'), ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  const room = ctx.rooms.get(access.planId)!;
  const revealed = ctx.rooms.store.takeIdeas(access.planId, (ideas) => {
    room.doc.transact(() => {
      const shared = room.doc.getMap(WORKSHOP_ROOTS.ideas);
      for (const idea of ideas) shared.set(`idea-${idea.id}`, { text: idea.text, author: idea.author, createdAt: idea.createdAt });
    }, 'reveal');
  });
  sendJson(res, 200, { revealed });
});

/** Ideas first: hidden idea notes, revealed by the facilitator. */
export function ideasExtension(): Extension {
  return { name: 'ideas', routes: [listOwnIdeas, addIdea, deleteIdea, revealIdeas] };
}
