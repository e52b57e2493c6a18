/**
 * Join codes: a short code the facilitator shows on the projector ("ABC123"); typed on a phone at /j/ABC123 it
 * opens the plan's participant link. A code names one plan and gives the participant role, nothing more. The
 * facilitator creates, re-creates (the old code stops working) and revokes it. Wrong codes are counted per
 * address: past the limit the address must wait (429 with Retry-After), so the code space cannot be walked.
 *
 * Codes are kept in the store's meta table: `join:<CODE>` → plan id ('' once revoked) and `join-of:<planId>` → code.
 */
import type { Extension } from '../extension.ts';
import { randomInt } from 'node:crypto';
import type { Limiter } from '../limits/index.ts';
import { route, HttpError, planRoute, planLinks, resolvePlanAccess, sendJson, tokenOf, type Route, type ServerContext } from '../http.ts';

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

/** The server-wide key/value settings (server/storage/types.ts). */
function meta(ctx: ServerContext) {
  return ctx.rooms.storage.meta;
}

async function currentCode(ctx: ServerContext, planId: string): Promise<string | null> {
  const code = await meta(ctx).get(planKey(planId));
  return code && (await meta(ctx).get(codeKey(code))) === planId ? code : null;
}

async function revoke(ctx: ServerContext, planId: string): Promise<void> {
  const code = await currentCode(ctx, planId);
  if (code) await meta(ctx).set(codeKey(code), '');
  await meta(ctx).set(planKey(planId), '');
}

async function issue(ctx: ServerContext, planId: string): Promise<string> {
  await revoke(ctx, planId);
  for (let attempt = 0; attempt < 20; attempt++) {
    let code = '';
    for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
    // a revoked code ('' stored) is never handed out again: someone may still have it written down
    if ((await meta(ctx).get(codeKey(code))) !== undefined) continue;
    await meta(ctx).set(codeKey(code), planId);
    await meta(ctx).set(planKey(planId), code);
    return code;
  }
  throw new HttpError(503, 'Kunne ikke finde en ledig kode. Prøv igen.');
}

const codeRoute = planRoute('/join-code');

const readCode = route('GET', codeRoute, async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  sendJson(res, 200, { code: await currentCode(ctx, access.planId) });
});

/** Creates a code, or replaces the current one (which stops working). */
const issueCode = route('POST', codeRoute, async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  sendJson(res, 201, { code: await issue(ctx, access.planId) });
});

const revokeCode = route('DELETE', codeRoute, async ({ req, res, url, params, ctx }) => {
  const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url), ['facilitator']);
  await revoke(ctx, access.planId);
  sendJson(res, 200, { code: null });
});

/** A code → the participant link. Only wrong codes count against the address (a room behind one NAT joins freely). */
function openByCode(guesses: () => Limiter): Route {
  return route('GET', /^\/api\/join\/([^/]{1,40})$/, async ({ req, res, params, ctx }) => {
    const guessLimiter = guesses();
    const address = req.socket.remoteAddress ?? 'ukendt';
    const wait = await guessLimiter.peek(address);
    if (wait > 0) throw new HttpError(429, 'For mange forkerte koder. Vent lidt, og prøv igen.', { retryAfter: wait });
    const code = normaliseJoinCode(decodeURIComponent(params[0]!));
    const planId = JOIN_CODE.test(code) ? await meta(ctx).get(codeKey(code)) : undefined;
    if (!planId || !(await ctx.rooms.storage.updates.planExists(planId))) {
      await guessLimiter.take(address);
      throw new HttpError(404, 'Koden findes ikke (eller er trukket tilbage). Spørg facilitatoren om koden på skærmen.');
    }
    const link = planLinks(ctx, req, planId).participant;
    const parsed = new URL(link);
    sendJson(res, 200, { planId, link, path: `${parsed.pathname}${parsed.search}` });
  });
}

/** Join codes; wrong guesses are counted per server (the limiter starts with the server's limits). */
export function joinExtension(): Extension {
  let guessLimiter: Limiter | undefined;
  const guesses = () => {
    if (!guessLimiter) throw new Error('the join extension was not configured');
    return guessLimiter;
  };
  return {
    name: 'join',
    onConfigure: ({ ctx }) => (guessLimiter = ctx.limiters.create('join-guesses', ctx.limits.joinGuessesPerMinutePerAddress)),
    routes: [readCode, issueCode, revokeCode, openByCode(guesses)],
  };
}
