/**
 * What the browser and the server both speak, in one place: the sync endpoint's message types and close codes,
 * the roles a link grants, the payload of a link's token (the server signs it, the browser only reads it), and
 * the JSON shapes of the API both sides read. No I/O, no Node and no DOM APIs: both sides import this.
 */

/** The y-websocket protocol's message types (y-protocols: sync, awareness, auth, query awareness). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Our own message types start here (the server sends them; it closes a connection that sends it one it does not know). */
export const FIRST_CUSTOM_MESSAGE = 100;
/** Server → client: the server refused an update (JSON {reason}); the client must resync from the server. */
export const MESSAGE_UPDATE_REFUSED = 100;
/** Server → client, on connect: JSON {token, personId}, the identity to keep and present on the next connect. */
export const MESSAGE_IDENTITY = 101;

/**
 * Why the sync endpoint closed a connection: one entry per reason, with its code, whether reconnecting can help,
 * and what the browser tells the person (Danish, English), so the code, the retry rule and the words live in one
 * table. The protocol's own failures keep their RFC 6455 codes; the refusals of a link, a plan or a budget have
 * codes of their own in the application range (4000–4999), numbered after the HTTP status they mirror, as
 * Hocuspocus does (4401 Unauthorized, 4403 Forbidden). A reason with `retry: false` stops the browser's
 * reconnecting (client/connection.ts): the same link would be refused again.
 */
export const CLOSE_REASONS = {
  /** the server is shutting down or restarting; reconnect */
  serverRestarting: { code: 1001, retry: true, da: 'Serveren genstarter. Forbinder igen …', en: 'The server is restarting. Reconnecting …' },
  /** a text frame: only binary messages */
  notBinary: { code: 1003, retry: true, da: 'Serveren kunne ikke læse en besked. Forbinder igen …', en: 'The server could not read a message. Reconnecting …' },
  /** a message that could not be read (malformed, or an observer failed on it) */
  invalidMessage: { code: 1007, retry: true, da: 'Serveren kunne ikke læse en besked. Forbinder igen …', en: 'The server could not read a message. Reconnecting …' },
  /** a frame or the plan itself is over its size limit; sending the same changes again would be refused again */
  planTooBig: { code: 1009, retry: false, da: 'Ændringen er for stor: planen eller beskeden er over serverens grænse, og din seneste ændring er ikke gemt. Fortryd den, og genindlæs siden.', en: 'The change is too large: the plan or the message is over the server’s limit, and your last change is not saved. Undo it and reload the page.' },
  /** the plan could not be loaded, or storage failed to commit; reconnect */
  serverError: { code: 1011, retry: true, da: 'Serveren kunne ikke gemme eller hente planen. Forbinder igen …', en: 'The server could not save or load the plan. Reconnecting …' },
  /** the link carries no token */
  linkMissing: { code: 4401, retry: false, da: 'Linket mangler sin nøgle. Bed facilitatoren om et nyt link.', en: 'The link is missing its key. Ask the facilitator for a new link.' },
  /** the token is forged, of another plan, or not valid any more */
  linkInvalid: { code: 4403, retry: false, da: 'Linket er ugyldigt eller trukket tilbage. Bed facilitatoren om et nyt link.', en: 'The link is invalid or has been withdrawn. Ask the facilitator for a new link.' },
  /** the plan does not exist (or no longer) */
  planNotFound: { code: 4404, retry: false, da: 'Planen findes ikke. Den kan være slettet.', en: 'The plan does not exist. It may have been deleted.' },
  /** more messages per second than a connection may send; after a pause it may send again */
  tooManyMessages: { code: 4429, retry: true, da: 'For mange ændringer på kort tid. Forbinder igen om lidt …', en: 'Too many changes in a short time. Reconnecting shortly …' },
  /** the plan has as many participants and viewers as it takes; a place frees when someone leaves */
  planFull: { code: 4430, retry: true, da: 'Planen har ikke plads til flere forbindelser lige nu. Prøver igen …', en: 'The plan has no room for more connections right now. Trying again …' },
  /** the plan has as many viewers as it takes */
  tooManyViewers: { code: 4431, retry: true, da: 'Planen har ikke plads til flere læsere lige nu. Prøver igen …', en: 'The plan has no room for more viewers right now. Trying again …' },
  /** as many connections to the plan from this address as it takes */
  tooManyFromAddress: { code: 4432, retry: true, da: 'For mange forbindelser til planen fra din adresse. Luk andre faner med planen; prøver igen …', en: 'Too many connections to the plan from your address. Close other tabs with the plan; trying again …' },
} as const satisfies Record<string, { code: number; retry: boolean; da: string; en: string }>;
export type CloseReason = keyof typeof CLOSE_REASONS;

/** The close code of each reason, for the server's `close(code, …)`. */
export const CLOSE_CODES = Object.fromEntries(Object.entries(CLOSE_REASONS).map(([reason, { code }]) => [reason, code])) as {
  [R in CloseReason]: (typeof CLOSE_REASONS)[R]['code'];
};
export type CloseCode = (typeof CLOSE_CODES)[CloseReason];

/** The reason a close code names, or null for a code the server does not send (1000, 1006 …). */
export function closeReasonOf(code: number): CloseReason | null {
  for (const [reason, value] of Object.entries(CLOSE_REASONS)) if (value.code === code) return reason as CloseReason;
  return null;
}

/** Whether reconnecting after this close can help: a code we do not know (a dropped network, 1006) is retried. */
export function shouldRetryClose(code: number): boolean {
  const reason = closeReasonOf(code);
  return reason === null || CLOSE_REASONS[reason].retry;
}

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

/** What a link's token grants: one plan, one role. */
export interface Capability {
  planId: string;
  role: Role;
}

/** A plan's three links, one per role. */
export type PlanLinks = Record<Role, string>;

/** The identity the server issues on connect (MESSAGE_IDENTITY) and the browser keeps per plan. */
export interface IssuedIdentity {
  token: string;
  personId: string;
}

/**
 * A token is base64url(JSON payload) + "." + base64url(signature). The payload of a link is {p: planId, r: role,
 * v: 1}; of an identity {p: planId, i: personId, v: 1}. Reading it checks nothing: only the server, which holds
 * the secret, can tell a real token from a forged one.
 */
export function tokenPayload(token: string): Record<string, unknown> | null {
  const [payload] = token.split('.');
  if (!payload) return null;
  try {
    const data: unknown = JSON.parse(base64UrlToText(payload));
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The plan and role a link's payload names, or null when it names none. */
export function capabilityOfPayload(payload: Record<string, unknown> | null): Capability | null {
  if (!payload || typeof payload.p !== 'string' || !isRole(payload.r)) return null;
  return { planId: payload.p, role: payload.r };
}

export function capabilityPayload(capability: Capability): Record<string, unknown> {
  return { p: capability.planId, r: capability.role, v: 1 };
}

export function identityPayload(planId: string, personId: string): Record<string, unknown> {
  return { p: planId, i: personId, v: 1 };
}

/** The person an identity payload names for `planId`, or null. */
export function personOfPayload(payload: Record<string, unknown> | null, planId: string): string | null {
  return payload && payload.p === planId && typeof payload.i === 'string' ? payload.i : null;
}

function base64UrlToText(value: string): string {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** Who made an automatic version, and its names (stored in Danish; the editor shows the English in English). */
export const AUTO_VERSION_AUTHOR = 'automatisk';
export const AUTO_VERSION_NAMES = {
  deletion: { da: 'Automatisk: før sletning af mange noder', en: 'Automatic: before deleting many cards' },
  restore: { da: 'Automatisk: før gendannelse', en: 'Automatic: before a restore' },
  import: { da: 'Automatisk: før import', en: 'Automatic: before an import' },
  interval: { da: 'Automatisk: kvarterets version', en: 'Automatic: the quarter-hourly version' },
} as const;

/** A version's name and author in the language shown: automatic ones have an English name too. */
export function versionLabel(info: Pick<VersionInfo, 'name' | 'createdBy'>, lang: 'da' | 'en'): { name: string; by: string } {
  if (info.createdBy !== AUTO_VERSION_AUTHOR || lang === 'da') return { name: info.name, by: info.createdBy };
  const known = Object.values(AUTO_VERSION_NAMES).find((names) => names.da === info.name);
  return { name: known ? known.en : info.name, by: 'automatic' };
}

/** A named (or automatic) version of a plan, as GET /api/plans/:id/versions lists it. */
export interface VersionInfo {
  id: number;
  name: string;
  createdAt: string;
  createdBy: string;
}

/** A hidden idea note, as its author sees it (GET /api/plans/:id/ideas). */
export interface IdeaRecord {
  id: number;
  author: string;
  text: string;
  createdAt: string;
}

// --- portfolios ---------------------------------------------------------------------------------------------

/**
 * A portfolio's links: the owner adds and removes plans and renames it; the reader (læser) only reads. Like a
 * plan link, the token is base64url(JSON {f: portfolioId, r: role, v: 1}) + "." + signature, signed in a domain of
 * its own ("portfolio:"), so a portfolio link never passes for a plan link or the other way round.
 */
export const PORTFOLIO_ROLES = ['owner', 'reader'] as const;
export type PortfolioRole = (typeof PORTFOLIO_ROLES)[number];
export type PortfolioLinks = Record<PortfolioRole, string>;

export interface PortfolioCapability {
  portfolioId: string;
  role: PortfolioRole;
}

export function portfolioCapabilityPayload(capability: PortfolioCapability): Record<string, unknown> {
  return { f: capability.portfolioId, r: capability.role, v: 1 };
}

export function portfolioCapabilityOfPayload(payload: Record<string, unknown> | null): PortfolioCapability | null {
  if (!payload || typeof payload.f !== 'string' || !PORTFOLIO_ROLES.includes(payload.r as PortfolioRole)) return null;
  return { portfolioId: payload.f, role: payload.r as PortfolioRole };
}

/**
 * The bounds of a portfolio, checked by the server and shown by the page: how many plans it holds and how long
 * its title may be (a plan's title is bounded by the plan schema).
 */
export const PORTFOLIO_LIMITS = { maxPlans: 100, maxTitleLength: 200, maxBodyBytes: 16 * 1024 } as const;

/** The live feed of an open portfolio page (server-sent events, GET /api/portfolios/:id/events): one event name. */
export const PORTFOLIO_EVENT_SUMMARY = 'summary';

/** One plan in a portfolio's view: what the table shows, and the read-only way into it (`viewPath`). */
export interface PortfolioPlanEntry {
  id: string;
  title: string;
  organisation?: string | undefined;
  area?: string | undefined;
  period?: { from: number; to: number } | undefined;
  /** /p/<planId>?token=<portfolio view token>: the plan as a viewer, while it is in the portfolio */
  viewPath: string;
}
