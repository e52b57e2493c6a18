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

/** Close codes the sync endpoint uses (RFC 6455). */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_INTERNAL = 1011;

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
