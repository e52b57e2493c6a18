/**
 * Join codes: a short code the facilitator shows on the projector ("ABC123"); typed on a phone at /j/ABC123 it
 * opens the plan's participant link. A code names one plan and gives the participant role, nothing more. The
 * facilitator creates, re-creates (the old code stops working) and revokes it. Wrong codes are counted per
 * address: past the limit the address must wait (429 with Retry-After), so the code space cannot be walked.
 *
 * Codes are kept in the store's meta table: `join:<CODE>` → plan id ('' once revoked) and `join-of:<planId>` → code.
 */
import { randomInt } from 'node:crypto';
import { addRoute, HttpError, PLAN_ID_PATTERN, planLinks, RateLimiter, resolvePlanAccess, sendJson, tokenOf, type ServerContext } from './http.ts';

/** No 0/O, 1/I/L: a code read off a wall is typed right. 31^6 ≈ 887 million codes. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
const JOIN_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

const codeKey = (code: string) => `join:${code}`;
const planKey = (planId: string) => `join-of:${planId}`;

/** Upper-cased, without spaces and dashes ("abc-123" → "ABC123"). */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

function currentCode(ctx: ServerContext, planId: string): string | null {
  const code = ctx.rooms.store.getMeta(planKey(planId));
  return code && ctx.rooms.store.getMeta(codeKey(code)) === planId ? code : null;
}

function revoke(ctx: ServerContext, planId: string): void {
  const code = currentCode(ctx, planId);
  if (code) ctx.rooms.store.setMeta(codeKey(code), '');
  ctx.rooms.store.setMeta(planKey(planId), '');
}

function issue(ctx: ServerContext, planId: string): string {
  revoke(ctx, planId);
  for (let attempt = 0; attempt < 20; attempt++) {
    let code = '';
    for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
    // a revoked code ('' stored) is never handed out again: someone may still have it written down
    if (ctx.rooms.store.getMeta(codeKey(code)) !== undefined) continue;
    ctx.rooms.store.setMeta(codeKey(code), planId);
    ctx.rooms.store.setMeta(planKey(planId), code);
    return code;
  }
  throw new HttpError(503, 'Kunne ikke finde en ledig kode. Prøv igen.');
}

const codeRoute = new RegExp(`^/api/plans/(${PLAN_ID_PATTERN})/join-code$`);

addRoute('GET', codeRoute, ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  sendJson(res, 200, { code: currentCode(ctx, access.planId) });
});

/** Creates a code, or replaces the current one (which stops working). */
addRoute('POST', codeRoute, ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  sendJson(res, 201, { code: issue(ctx, access.planId) });
});

addRoute('DELETE', codeRoute, ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  revoke(ctx, access.planId);
  sendJson(res, 200, { code: null });
});

let guessLimiter: RateLimiter | undefined;

/** A code → the participant link. Only wrong codes count against the address (a room behind one NAT joins freely). */
addRoute('GET', /^\/api\/join\/([^/]{1,40})$/, ({ req, res, params, ctx }) => {
  guessLimiter ??= new RateLimiter(ctx.limits.joinGuessesPerMinutePerAddress);
  const address = req.socket.remoteAddress ?? 'ukendt';
  const wait = guessLimiter.peek(address);
  if (wait > 0) throw new HttpError(429, 'For mange forkerte koder. Vent lidt, og prøv igen.', { retryAfter: wait });
  const code = normaliseJoinCode(decodeURIComponent(params[0]!));
  const planId = JOIN_CODE.test(code) ? ctx.rooms.store.getMeta(codeKey(code)) : undefined;
  if (!planId || !ctx.rooms.store.planExists(planId)) {
    guessLimiter.take(address);
    throw new HttpError(404, 'Koden findes ikke (eller er trukket tilbage). Spørg facilitatoren om koden på skærmen.');
  }
  const link = planLinks(ctx, req, planId).participant;
  const parsed = new URL(link);
  sendJson(res, 200, { planId, link, path: `${parsed.pathname}${parsed.search}` });
});
