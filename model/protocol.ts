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
/** Our own message types start here; a server extension may route types from here on (server/extension.ts). */
export const FIRST_CUSTOM_MESSAGE = 100;
/** Server → client: the server refused an update (JSON {reason}); the client must resync from the server. */
export const MESSAGE_UPDATE_REFUSED = 100;
/** Server → client, on connect: JSON {token, personId}, the identity to keep and present on the next connect. */
export const MESSAGE_IDENTITY = 101;

/**
 * Why the sync endpoint closed a connection: one code per reason, so the browser can explain it in Danish
 * (client/connection.ts) instead of showing free text. The protocol's own failures keep their RFC 6455 codes;
 * the refusals of a link, a plan or a budget have codes of their own in the application range (4000–4999),
 * numbered after the HTTP status they mirror, as Hocuspocus does (4401 Unauthorized, 4403 Forbidden).
 */
export const CLOSE_CODES = {
  /** the server is shutting down or restarting; reconnect */
  serverRestarting: 1001,
  /** a text frame: only binary messages */
  notBinary: 1003,
  /** a message that could not be read (malformed, or an observer failed on it) */
  invalidMessage: 1007,
  /** a frame or the plan itself is over its size limit */
  planTooBig: 1009,
  /** the plan could not be loaded, or storage failed to commit; reconnect */
  serverError: 1011,
  /** the link carries no token */
  linkMissing: 4401,
  /** the token is forged, of another plan, or not valid any more */
  linkInvalid: 4403,
  /** the plan does not exist (or no longer) */
  planNotFound: 4404,
  /** more messages per second than a connection may send */
  tooManyMessages: 4429,
  /** the plan has as many participants and viewers as it takes */
  planFull: 4430,
  /** the plan has as many viewers as it takes */
  tooManyViewers: 4431,
  /** as many connections to the plan from this address as it takes */
  tooManyFromAddress: 4432,
} as const;
export type CloseReason = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseReason];

/** The reason a close code names, or null for a code the server does not send (1000, 1006 …). */
export function closeReasonOf(code: number): CloseReason | null {
  for (const [reason, value] of Object.entries(CLOSE_CODES)) if (value === code) return reason as CloseReason;
  return null;
}

/** Refusals after which reconnecting with the same link cannot help: the browser stops trying. */
export const FINAL_CLOSE_REASONS: readonly CloseReason[] = ['linkMissing', 'linkInvalid', 'planNotFound'];

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
