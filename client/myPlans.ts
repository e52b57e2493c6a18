/**
 * What this browser remembers between visits: the person's name (asked once, changeable) and "Mine planer", the
 * plans opened here with their link, role and last visit. Kept in localStorage only; nothing is sent anywhere.
 */
import type { Role } from './connection.ts';

const NAME_KEY = 'forandringskort.name';
const PLANS_KEY = 'forandringskort.plans';
const MAX_PLANS = 50;

export interface MyPlan {
  planId: string;
  token: string;
  role: Role;
  title: string;
  /** ISO time of the last visit */
  lastVisit: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function rememberedName(): string | null {
  return storage()?.getItem(NAME_KEY)?.trim() || null;
}

export function rememberName(name: string): void {
  storage()?.setItem(NAME_KEY, name);
}

export function myPlans(): MyPlan[] {
  try {
    const list = JSON.parse(storage()?.getItem(PLANS_KEY) ?? '[]') as MyPlan[];
    return Array.isArray(list) ? list.filter((p) => typeof p?.planId === 'string' && typeof p.token === 'string').sort((a, b) => b.lastVisit.localeCompare(a.lastVisit)) : [];
  } catch {
    return [];
  }
}

/** Records a visit (or a new title). One entry per plan and role: a facilitator link is not replaced by a participant one. */
export function rememberPlan(entry: Omit<MyPlan, 'lastVisit'> & { lastVisit?: string }): void {
  const others = myPlans().filter((p) => !(p.planId === entry.planId && p.role === entry.role));
  const previous = myPlans().find((p) => p.planId === entry.planId && p.role === entry.role);
  const next: MyPlan = { ...entry, title: entry.title || previous?.title || '', lastVisit: entry.lastVisit ?? new Date().toISOString() };
  storage()?.setItem(PLANS_KEY, JSON.stringify([next, ...others].slice(0, MAX_PLANS)));
}

export function planPath(plan: Pick<MyPlan, 'planId' | 'token'>): string {
  return `/p/${plan.planId}?token=${encodeURIComponent(plan.token)}`;
}

const PORTFOLIOS_KEY = 'forandringskort.portfolios';

/** A portfolio opened in this browser ("Mine planer" lists them too), with its link's token and role. */
export interface MyPortfolio {
  portfolioId: string;
  token: string;
  role: 'owner' | 'reader';
  title: string;
  lastVisit: string;
}

export function myPortfolios(): MyPortfolio[] {
  try {
    const list = JSON.parse(storage()?.getItem(PORTFOLIOS_KEY) ?? '[]') as MyPortfolio[];
    return Array.isArray(list) ? list.filter((p) => typeof p?.portfolioId === 'string' && typeof p.token === 'string').sort((a, b) => b.lastVisit.localeCompare(a.lastVisit)) : [];
  } catch {
    return [];
  }
}

/** One entry per portfolio and role, like plans. */
export function rememberPortfolio(entry: Omit<MyPortfolio, 'lastVisit'>): void {
  const others = myPortfolios().filter((p) => !(p.portfolioId === entry.portfolioId && p.role === entry.role));
  storage()?.setItem(PORTFOLIOS_KEY, JSON.stringify([{ ...entry, lastVisit: new Date().toISOString() }, ...others].slice(0, MAX_PLANS)));
}

export function portfolioPath(portfolio: Pick<MyPortfolio, 'portfolioId' | 'token'>): string {
  return `/portfolio/${portfolio.portfolioId}?token=${encodeURIComponent(portfolio.token)}`;
}
