/**
 * Capability links: a token names a plan and a role and is signed with HMAC-SHA256.
 * Format: base64url(JSON {p: planId, r: role, v: 1}) + "." + base64url(signature). The client may read the payload
 * to shape its UI; only the server, which holds the secret, can tell a real token from a forged one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  capabilityOfPayload, capabilityPayload, identityPayload, personOfPayload, portfolioCapabilityOfPayload, portfolioCapabilityPayload, tokenPayload,
  type Capability, type IssuedIdentity, type PortfolioCapability,
} from '../model/protocol.ts';

export { ROLES, type Capability, type Role } from '../model/protocol.ts';

const SECRET_FILE = 'secret.key';

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signToken(secret: Buffer, capability: Capability): string {
  const payload = Buffer.from(JSON.stringify(capabilityPayload(capability))).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The capability a token grants, or null when it is malformed or not signed with this secret. */
export function verifyToken(secret: Buffer, token: string): Capability | null {
  if (token.length > 512) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return capabilityOfPayload(tokenPayload(token));
}

/** SECRET from the environment, else a random secret kept in DATA_DIR (created on first start). */
export function loadSecret(dataDir: string, fromEnv?: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const path = join(dataDir, SECRET_FILE);
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(path, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * A person's identity in one plan, issued by the server on connect and kept by the browser (localStorage, per
 * plan). Format like a link token: base64url(JSON {p: planId, i: personId, v: 1}) + "." + signature over "id:" +
 * payload (a different domain than links, so one can never pass for the other). Votes, ideas and comments hang on
 * the personId; the display name is only a label.
 */
export interface Identity {
  planId: string;
  personId: string;
}

export function issueIdentity(secret: Buffer, planId: string): IssuedIdentity {
  const personId = randomBytes(12).toString('base64url');
  const payload = Buffer.from(JSON.stringify(identityPayload(planId, personId))).toString('base64url');
  return { token: `${payload}.${sign(secret, `id:${payload}`).toString('base64url')}`, personId };
}

/** The person an identity token names for this plan, or null when it is missing, forged or for another plan. */
export function verifyIdentity(secret: Buffer, token: string | null | undefined, planId: string): string | null {
  if (!token || token.length > 256) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(secret, `id:${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return personOfPayload(tokenPayload(token), planId);
}

/** The payload of a token signed in `domain` (a prefix of the signed text), or null when forged or malformed. */
function verifiedPayload(secret: Buffer, token: string, domain: string): Record<string, unknown> | null {
  if (token.length > 512) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(secret, `${domain}${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return tokenPayload(token);
}

function signInDomain(secret: Buffer, data: Record<string, unknown>, domain: string): string {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
  return `${payload}.${sign(secret, `${domain}${payload}`).toString('base64url')}`;
}

const PORTFOLIO_DOMAIN = 'portfolio:';
const PORTFOLIO_VIEW_DOMAIN = 'portfolio-view:';

/** A portfolio's link token (owner or reader), signed in its own domain: never valid as a plan link. */
export function signPortfolioToken(secret: Buffer, capability: PortfolioCapability): string {
  return signInDomain(secret, portfolioCapabilityPayload(capability), PORTFOLIO_DOMAIN);
}

export function verifyPortfolioToken(secret: Buffer, token: string): PortfolioCapability | null {
  return portfolioCapabilityOfPayload(verifiedPayload(secret, token, PORTFOLIO_DOMAIN));
}

/**
 * The read-only way from a portfolio into one of its plans: {p: planId, r: "viewer", f: portfolioId, v: 1}, signed
 * in a domain of its own. It is not one of the plan's links: it grants the viewer role only while the plan is in
 * that portfolio (the server checks on every use, server/http.ts), so removing the plan from the portfolio takes
 * it back, which a plan's own viewer link (valid for ever) could not. The browser reads it as a viewer link.
 */
export function signPortfolioViewToken(secret: Buffer, portfolioId: string, planId: string): string {
  return signInDomain(secret, { ...capabilityPayload({ planId, role: 'viewer' }), f: portfolioId }, PORTFOLIO_VIEW_DOMAIN);
}

/** The plan and portfolio a view token names, or null when it is forged, malformed or not a view token. */
export function verifyPortfolioViewToken(secret: Buffer, token: string): { planId: string; portfolioId: string } | null {
  const payload = verifiedPayload(secret, token, PORTFOLIO_VIEW_DOMAIN);
  const capability = capabilityOfPayload(payload);
  if (!capability || capability.role !== 'viewer' || typeof payload?.f !== 'string') return null;
  return { planId: capability.planId, portfolioId: payload.f };
}
