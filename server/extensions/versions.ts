/**
 * Named versions: save the plan as it is now under a name (facilitator), list them, read one, and diff two
 * (or one against the live plan). Restoring is done by the editor: it loads a version and replaces the live plan in
 * one transaction of its own, so the restorer can undo it.
 */
import * as Y from 'yjs';
import type { Extension } from '../extension.ts';
import * as z from 'zod';
import { diffPlans } from '../../model/diff.ts';
import type { PlanFile } from '../../model/schema.ts';
import { AUTO_VERSION_AUTHOR, autoVersionBeforeUpdate, saveAutoVersion } from '../auto-versions.ts';
import { docToPlan } from '../../model/ydoc.ts';
import { route, currentPlan, HttpError, planRoute, readCommittedPlan, readJsonBody, resolvePlanAccess, sendJson, tokenOf, type ServerContext } from '../http.ts';

const versionBody = z.object({ name: z.string().trim().min(1).max(120), author: z.string().trim().max(60).optional() });

async function versionPlan(ctx: ServerContext, planId: string, versionId: string): Promise<PlanFile> {
  const id = Number(versionId);
  const version = Number.isInteger(id) ? await ctx.rooms.storage.versions.get(planId, id) : null;
  if (!version) throw new HttpError(404, 'Versionen findes ikke.');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  const plan = docToPlan(doc);
  doc.destroy();
  return plan;
}

const saveNamedVersion = route('POST', planRoute('/versions'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  const body = await readJsonBody(req, 64 * 1024);
  const parsed = versionBody.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'Versionen skal have et navn (1–120 tegn).', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const state = await readCommittedPlan(ctx, access.planId, (doc) => Y.encodeStateAsUpdate(doc));
  // the automatic versions' author is reserved: pruning must never touch a version someone named
  const author = parsed.data.author && parsed.data.author !== AUTO_VERSION_AUTHOR ? parsed.data.author : 'facilitator';
  const info = await ctx.rooms.storage.versions.save(access.planId, parsed.data.name, author, state);
  sendJson(res, 201, info);
});

const autoVersionBody = z.object({ reason: z.enum(['restore', 'import']) });

/** The editor asks for this just before it restores a version or imports a file over the plan. */
const saveVersionBeforeReplace = route('POST', planRoute('/versions/auto'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator', 'participant']);
  const parsed = autoVersionBody.safeParse(await readJsonBody(req, 1024));
  if (!parsed.success) throw new HttpError(400, 'Grunden skal være "restore" eller "import".');
  const info = await saveAutoVersion(ctx.rooms, (await ctx.rooms.get(access.planId))!, parsed.data.reason);
  sendJson(res, info ? 201 : 200, { version: info });
});

const listVersions = route('GET', planRoute('/versions'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
  sendJson(res, 200, { versions: await ctx.rooms.storage.versions.list(access.planId) });
});

const readVersion = route('GET', planRoute('/versions/(\\d+)'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
  sendJson(res, 200, await versionPlan(ctx, access.planId, params[1]!));
});

const diffVersion = route('GET', planRoute('/versions/(\\d+)/diff'), async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
  const against = url.searchParams.get('against') ?? 'current';
  const before = await versionPlan(ctx, access.planId, params[1]!);
  const after = against === 'current' ? await currentPlan(ctx, access.planId) : await versionPlan(ctx, access.planId, against);
  sendJson(res, 200, diffPlans(before, after));
});

/** Named versions, and automatic ones before risky updates (server/auto-versions.ts). */
export function versionsExtension(): Extension {
  return {
    name: 'versions',
    beforeApplyUpdate: ({ room, effect, ctx }) => autoVersionBeforeUpdate(ctx.rooms, room, effect),
    routes: [saveNamedVersion, saveVersionBeforeReplace, listVersions, readVersion, diffVersion],
  };
}
