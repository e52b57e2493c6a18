/**
 * The JSON API's core: the routes every server has (health, create, read, check, links), the router that runs a
 * server's routes (its own and its extensions', server/app.ts), and the helpers routes share.
 * Every plan route resolves access from the capability token first (`resolvePlanAccess`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { checkPlan, checkResultToJson } from '../model/rules.ts';
import type { PlanFile } from '../model/schema.ts';
import { MAX_VALUE_DEPTH, valueProblem } from '../model/values.ts';
import type { WorkerPool } from './pool.ts';
import { docToPlan, planToDoc } from '../model/ydoc.ts';
import type { Limiter, Limiters } from './limits/index.ts';
import type { RoomManager } from './sync.ts';
import { ROLES, type Capability, type PlanLinks, type Role } from '../model/protocol.ts';
import { signToken, verifyPortfolioViewToken, verifyToken } from './tokens.ts';

/** One server instance's parts, handed to every route and extension hook. */
export interface ServerContext {
  rooms: RoomManager;
  /** this server's worker threads (server/pool.ts), closed with the server */
  pool: WorkerPool;
  secret: Buffer;
  publicUrl: (req: IncomingMessage) => string;
  limits: { maxBodyBytes: number; plansPerMinutePerAddress: number; joinGuessesPerMinutePerAddress: number; exportsPerToken: number };
  /** new plans per address and minute; shared by the instances with REDIS_URL (server/limits/) */
  creationLimiter: Limiter;
  /** makes the server's other limiters (extensions: join-code guesses) */
  limiters: Limiters;
  log: import('pino').Logger;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  ctx: ServerContext;
}

type Handler = (request: RouteRequest) => Promise<void> | void;
export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** A route; `pattern` captures are passed to the handler as `params`. */
export function route(method: string, pattern: RegExp, handler: Handler): Route {
  return { method, pattern, handler };
}

/** The pattern of a route under one plan: `planRoute('/versions')` matches /api/plans/<id>/versions. */
export function planRoute(suffix = ''): RegExp {
  return new RegExp(`^/api/plans/(${PLAN_ID_PATTERN})${suffix}$`);
}

export const PLAN_ID_PATTERN = '[A-Za-z0-9_-]{8,64}';
const PLAN_ID = new RegExp(`^${PLAN_ID_PATTERN}$`);

export function newPlanId(): string {
  return randomBytes(12).toString('base64url');
}

export function isPlanId(value: string): boolean {
  return PLAN_ID.test(value);
}

/** The token from `?token=` or `Authorization: Bearer`. */
export function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return url.searchParams.get('token');
}

/** Checks the token against the plan: 401 without a token, 403 for a wrong one, 404 for an unknown plan. */
export async function resolvePlanAccess(ctx: ServerContext, planId: string, token: string | null, need: Role[] = [...ROLES]): Promise<Capability> {
  if (!isPlanId(planId)) throw new HttpError(404, 'Planen findes ikke.');
  if (!token) throw new HttpError(401, 'Linket mangler sin nøgle (token).');
  const capability = verifyToken(ctx.secret, token) ?? (await portfolioViewAccess(ctx, token));
  if (!capability || capability.planId !== planId) throw new HttpError(403, 'Nøglen (token) giver ikke adgang til denne plan.');
  if (!need.includes(capability.role)) throw new HttpError(403, 'Din rolle må ikke gøre dette.');
  if (!(await ctx.rooms.storage.updates.planExists(planId))) throw new HttpError(404, 'Planen findes ikke.');
  return capability;
}

/**
 * A portfolio's way into one of its plans (server/tokens.ts `signPortfolioViewToken`): the viewer role, and only
 * while the plan is still in that portfolio, so removing it from the portfolio takes the access back.
 */
async function portfolioViewAccess(ctx: ServerContext, token: string): Promise<Capability | null> {
  const view = verifyPortfolioViewToken(ctx.secret, token);
  if (!view || !(await ctx.rooms.storage.portfolios.hasPlan(view.portfolioId, view.planId))) return null;
  return { planId: view.planId, role: 'viewer' };
}

export function planLinks(ctx: ServerContext, req: IncomingMessage, planId: string): PlanLinks {
  const base = ctx.publicUrl(req);
  const link = (role: Role) => `${base}/p/${planId}?token=${signToken(ctx.secret, { planId, role })}`;
  return { facilitator: link('facilitator'), participant: link('participant'), viewer: link('viewer') };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** Reads a request body up to `maxBytes`; 413 past that. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new HttpError(413, `Filen er for stor (højst ${Math.round(maxBytes / 1024 / 1024)} MB).`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `Filen er for stor (højst ${Math.round(maxBytes / 1024 / 1024)} MB).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON request body up to `maxBytes`: 413 past that, 400 when it is not JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const text = await readBody(req, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Forespørgslen er ikke gyldig JSON.');
  }
  // a whole plan file is deeper than one value: the plan schema checks each of its values (model/schema.ts)
  const problem = valueProblem(body, { maxDepth: MAX_VALUE_DEPTH + 4 });
  if (problem) throw new HttpError(400, `Ugyldig værdi${problem.path ? ` i ${problem.path}` : ''}: ${problem.message}.`, { problems: [problem] });
  return body;
}

/** The plan's current state as a forandringskort/v1 file. */
/**
 * What `read` takes from the live plan, served once storage has committed all of it (server/room.ts
 * `readCommitted`): every HTTP read of a plan goes through here, so none shows an edit a crash could still lose.
 */
export async function readCommittedPlan<T>(ctx: ServerContext, planId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const room = await ctx.rooms.get(planId);
  if (!room) throw new HttpError(404, 'Planen findes ikke.');
  try {
    return await room.readCommitted(read);
  } catch {
    throw new HttpError(503, 'Planen kunne ikke gemmes lige nu; prøv igen om lidt.', { retryAfter: 2 });
  }
}

/** The live plan as a file, as far as it is committed. */
export function currentPlan(ctx: ServerContext, planId: string): Promise<PlanFile> {
  return readCommittedPlan(ctx, planId, docToPlan);
}

/**
 * Above this many cards a plan without positions is stored as it came: its layout would hold up the event loop, and
 * the editor lays it out for display (and "Ryd op" in a worker) instead.
 */
const LAYOUT_ON_ARRIVAL_LIMIT = 1500;

/** Creates a plan from a validated file; returns its id. Cards without a position are laid out first. */
export async function createPlan(ctx: ServerContext, plan: PlanFile): Promise<string> {
  const planId = newPlanId();
  // the layout (dagre) is loaded when a plan is made here (the example plan on first start), not with the server
  const { withPositions } = await import('../model/layout.ts');
  const doc = planToDoc(plan.nodes.length <= LAYOUT_ON_ARRIVAL_LIMIT ? withPositions(plan) : plan);
  await ctx.rooms.storage.updates.createPlan(planId, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return planId;
}

/** The routes every server has; extensions add the rest (server/extensions/). */
export function coreRoutes(): Route[] {
  return [
    route('GET', /^\/healthz$/, ({ res, ctx }) => sendJson(res, 200, { ok: true, plansLoaded: ctx.rooms.rooms.size, serverTime: Date.now() })),
    route('POST', /^\/api\/plans$/, createPlanFromBody),
    route('GET', planRoute(), async ({ req, res, url, params, ctx }) => {
      const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
      sendJson(res, 200, await currentPlan(ctx, access.planId));
    }),
    route('GET', planRoute('/check'), async ({ req, res, url, params, ctx }) => {
      const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
      sendJson(res, 200, checkResultToJson(checkPlan(await currentPlan(ctx, access.planId))));
    }),
    route('GET', planRoute('/links'), async ({ req, res, url, params, ctx }) => {
      const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
      sendJson(res, 200, { id: access.planId, links: planLinks(ctx, req, access.planId) });
    }),
  ];
}

async function createPlanFromBody({ req, res, ctx }: RouteRequest): Promise<void> {
  const wait = await ctx.creationLimiter.take(req.socket.remoteAddress ?? 'ukendt');
  if (wait > 0) throw new HttpError(429, 'For mange nye planer på kort tid. Prøv igen om lidt.', { retryAfter: wait });
  // parsing, validating and building the doc of a large file happen in a worker
  const result = await ctx.pool.readPlan(await readBody(req, ctx.limits.maxBodyBytes), ctx.limits.maxBodyBytes);
  if (!result.ok) throw new HttpError(400, 'Filen er ugyldig; intet blev oprettet.', { problems: result.problems });
  const planId = newPlanId();
  await ctx.rooms.storage.updates.createPlan(planId, result.state);
  ctx.log.info({ planId, nodes: result.nodes }, 'plan created');
  sendJson(res, 201, { id: planId, links: planLinks(ctx, req, planId) });
}

/** Runs the matching route of `routes` (one server's); false when no route matches the path. */
export async function handleApi(routes: readonly Route[], req: IncomingMessage, res: ServerResponse, url: URL, ctx: ServerContext): Promise<boolean> {
  const matching = routes.filter((candidate) => candidate.pattern.test(url.pathname));
  if (matching.length === 0) return false;
  const chosen = matching.find((r) => r.method === req.method);
  try {
    if (!chosen) throw new HttpError(405, `Metoden ${req.method} er ikke tilladt her.`);
    const params = chosen.pattern.exec(url.pathname)!.slice(1);
    await chosen.handler({ req, res, url, params, ctx });
  } catch (error) {
    sendError(res, error, ctx);
  }
  return true;
}

function sendError(res: ServerResponse, error: unknown, ctx: ServerContext): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    const headers: Record<string, string> = error.extra.retryAfter ? { 'retry-after': String(error.extra.retryAfter) } : {};
    sendJson(res, error.status, { error: error.message, ...error.extra }, headers);
    return;
  }
  ctx.log.error({ err: error }, 'request failed');
  sendJson(res, 500, { error: 'Der skete en fejl på serveren.' });
}
