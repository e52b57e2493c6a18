/**
 * Portfolios: several helhedsplaner followed side by side, year by year (issue 22).
 *
 * Access, decided so that a portfolio never widens what anyone may do with a plan:
 * - A portfolio has its own two links (owner: adds and removes plans, renames; reader/læser: reads only), signed
 *   in a domain of their own (server/tokens.ts): they are never valid as a plan's link, nor a plan's link as theirs.
 * - A plan is added with its facilitator link: nobody adds a plan they could not run. Only the plan's id is kept;
 *   the facilitator link itself is neither stored nor ever sent back.
 * - No response carries a plan's own links. The way from the portfolio into a plan is a view token bound to the plan
 *   AND the portfolio (`signPortfolioViewToken`): it gives the viewer role only, and only while the plan is in the
 *   portfolio, so removing the plan from the portfolio takes it back (a plan's viewer link could never be taken back).
 *   Owner and læser get the same view paths: owning a portfolio is not running its plans.
 *
 * Live: GET …/events is a server-sent event stream (one event, PORTFOLIO_EVENT_SUMMARY, model/protocol.ts). The
 * server follows every plan of an open portfolio (committed changes on this instance, and with REDIS_URL the plans'
 * streams), waits for a quiet moment (debounce) and recomputes the view in a worker (model/portfolio-view.ts), once
 * for every page open on the same portfolio and year.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseYear } from '../../model/status.ts';
import {
  PORTFOLIO_EVENT_SUMMARY, PORTFOLIO_LIMITS, PORTFOLIO_ROLES, type PortfolioLinks, type PortfolioRole,
} from '../../model/protocol.ts';
import type { Extension } from '../extension.ts';
import {
  HttpError, isPlanId, newPlanId, PLAN_ID_PATTERN, readJsonBody, route, sendJson, tokenOf, type Route, type ServerContext,
} from '../http.ts';
import type { Limiter } from '../limits/index.ts';
import { Slots } from '../pool.ts';
import { isPortfolioExport, PORTFOLIO_EXPORTS } from '../../model/export/portfolio-formats.ts';
import type { PortfolioView } from '../../model/portfolio-view.ts';
import type { PortfolioRecord } from '../storage/types.ts';
import { signPortfolioToken, signPortfolioViewToken, verifyPortfolioToken, verifyToken } from '../tokens.ts';


/** after the last change of a plan, the view is recomputed this much later (changes meanwhile join it) */
const DEBOUNCE_MS = 300;
/** but never later than this after the first change, so a plan edited without pause still shows its changes */
const MAX_WAIT_MS = 2000;
/** open pages per portfolio, and a comment line this often keeps proxies from closing a quiet stream */
const MAX_LISTENERS_PER_PORTFOLIO = 200;
const KEEPALIVE_MS = 25_000;

const portfolioRoute = (suffix = '') => new RegExp(`^/api/portfolios/(${PLAN_ID_PATTERN})${suffix}$`);

/** Checks a portfolio link: 401 without a token, 403 for a wrong one or role, 404 for an unknown portfolio. */
async function resolvePortfolio(ctx: ServerContext, portfolioId: string, token: string | null, need: PortfolioRole[] = [...PORTFOLIO_ROLES]) {
  if (!isPlanId(portfolioId)) throw new HttpError(404, 'Porteføljen findes ikke.');
  if (!token) throw new HttpError(401, 'Linket mangler sin nøgle (token).');
  const capability = verifyPortfolioToken(ctx.secret, token);
  if (!capability || capability.portfolioId !== portfolioId) throw new HttpError(403, 'Nøglen (token) giver ikke adgang til denne portefølje.');
  if (!need.includes(capability.role)) throw new HttpError(403, 'Du har et læselink til porteføljen og kan ikke ændre den.');
  const record = await ctx.rooms.storage.portfolios.get(portfolioId);
  if (!record) throw new HttpError(404, 'Porteføljen findes ikke.');
  return { capability, record };
}

export function portfolioLinks(ctx: ServerContext, req: Pick<IncomingMessage, 'headers'>, portfolioId: string): PortfolioLinks {
  const base = ctx.publicUrl(req as IncomingMessage);
  const link = (role: PortfolioRole) => `${base}/portfolio/${portfolioId}?token=${signPortfolioToken(ctx.secret, { portfolioId, role })}`;
  return { owner: link('owner'), reader: link('reader') };
}

/** A title as typed: trimmed, 1–200 characters, no control characters. */
function titleOf(body: unknown): string {
  const raw = (body as { title?: unknown } | null)?.title;
  if (typeof raw !== 'string') throw new HttpError(400, 'title mangler: skriv porteføljens titel.');
  const title = raw.trim();
  if (title.length === 0 || title.length > PORTFOLIO_LIMITS.maxTitleLength) {
    throw new HttpError(400, `Titlen skal være 1–${PORTFOLIO_LIMITS.maxTitleLength} tegn (den er ${title.length}).`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(title)) throw new HttpError(400, 'Titlen må ikke indeholde styretegn (linjeskift, tabulator …).');
  return title;
}

/** The plan a pasted facilitator link names: a whole link (…/p/<id>?token=…) or its token alone. */
function facilitatorLinkOf(ctx: ServerContext, body: unknown): string {
  const raw = (body as { link?: unknown } | null)?.link;
  if (typeof raw !== 'string' || raw.trim() === '') throw new HttpError(400, 'link mangler: indsæt planens facilitatorlink.');
  const text = raw.trim();
  if (text.length > 2048) throw new HttpError(400, 'Linket er for langt til at være et planlink.');
  let token = text;
  let pathPlan: string | null = null;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new HttpError(400, 'Linket kan ikke læses som en adresse.');
    }
    token = url.searchParams.get('token') ?? '';
    pathPlan = /^\/p\/([^/]+)$/.exec(url.pathname)?.[1] ?? null;
  }
  const capability = verifyToken(ctx.secret, token);
  if (!capability || (pathPlan !== null && pathPlan !== capability.planId)) throw new HttpError(403, 'Linket er ikke et gyldigt planlink fra denne server.');
  if (capability.role !== 'facilitator') {
    throw new HttpError(403, 'Brug planens facilitatorlink: kun den, der kan køre planen, kan føje den til en portefølje.');
  }
  return capability.planId;
}

/** The plans' stored states: the live room's state when it is loaded here and everything in it is committed. */
async function planStates(ctx: ServerContext, record: PortfolioRecord) {
  const states = await Promise.all(record.plans.map(async ({ planId }) => {
    const room = ctx.rooms.rooms.get(planId);
    // with other instances the local room may lag their newest commits: the database then is the truth
    // the version (the last committed sequence number) lets the worker reuse what it read of the plan before
    if (room && room.settled() && !ctx.rooms.fanout) return { id: planId, version: room.lastSeq, updates: [room.state()] };
    const stored = await ctx.rooms.storage.updates.load(planId);
    return stored ? { id: planId, version: stored.lastSeq, updates: stored.updates } : null;
  }));
  return states.filter((state) => state !== null);
}

async function computeView(ctx: ServerContext, record: PortfolioRecord, year: number | null): Promise<PortfolioView> {
  const computed = await ctx.pool.portfolio(await planStates(ctx, record), year);
  const plans = computed.plans.map((plan) => ({ ...plan, viewPath: `/p/${plan.id}?token=${signPortfolioViewToken(ctx.secret, record.id, plan.id)}` }));
  return { ...computed, id: record.id, title: record.title, maxPlans: PORTFOLIO_LIMITS.maxPlans, plans };
}

/** ?year=2014, or null without one (the view then picks the year, model/portfolio-view.ts) */
function yearOf(url: URL): number | null {
  if (!url.searchParams.get('year')) return null;
  const year = parseYear(url.searchParams.get('year'));
  if (year === null) throw new HttpError(400, `year skal være et årstal som 2014, ikke "${url.searchParams.get('year')}".`);
  return year;
}

/** One open portfolio and year: the pages showing it, and the plans it follows. */
interface Watch {
  key: string;
  portfolioId: string;
  year: number | null;
  clients: Set<ServerResponse>;
  unsubscribes: Map<string, () => void>;
  timer: NodeJS.Timeout | undefined;
  firstChangeAt: number;
  computing: boolean;
  again: boolean;
  closed: boolean;
  /** the last view sent, as JSON; a page opening while nothing changed since gets it at once */
  lastView: string | null;
}

/** The live side: open portfolios, the plans they follow, and one recomputation per change burst. */
export class PortfolioWatches {
  private readonly watches = new Map<string, Watch>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly ctx: ServerContext) {
    this.keepalive = setInterval(() => {
      for (const watch of this.watches.values()) for (const client of watch.clients) client.write(': ping\n\n');
    }, KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** open streams and followed plans, for the benchmark and /healthz-like checks */
  get size(): { portfolios: number; listeners: number } {
    let listeners = 0;
    for (const watch of this.watches.values()) listeners += watch.clients.size;
    return { portfolios: this.watches.size, listeners };
  }

  async open(req: IncomingMessage, res: ServerResponse, record: PortfolioRecord, year: number | null): Promise<void> {
    const key = `${record.id}:${year ?? 'standard'}`;
    let watch = this.watches.get(key);
    const listeners = [...this.watches.values()].filter((w) => w.portfolioId === record.id).reduce((n, w) => n + w.clients.size, 0);
    if (listeners >= MAX_LISTENERS_PER_PORTFOLIO) throw new HttpError(429, 'Porteføljen er åben i for mange vinduer; luk nogle og prøv igen.', { retryAfter: 30 });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': forbundet\n\n');
    if (!watch) {
      watch = { key, portfolioId: record.id, year, clients: new Set(), unsubscribes: new Map(), timer: undefined, firstChangeAt: 0, computing: false, again: false, closed: false, lastView: null };
      this.watches.set(key, watch);
    }
    watch.clients.add(res);
    const current = watch;
    req.on('close', () => this.leave(current, res));
    await this.follow(current, record);
    // a view on its way reaches this page too; else the last one, while no plan changed since; else a new one
    if (current.computing || current.timer) return;
    if (current.lastView) res.write(current.lastView);
    else this.schedule(current, 0);
  }

  /** The last view of an open portfolio as JSON, while none of its plans changed since; else null. */
  cachedView(portfolioId: string, year: number | null): string | null {
    const watch = this.watches.get(`${portfolioId}:${year ?? 'standard'}`);
    if (!watch?.lastView || watch.computing || watch.timer) return null;
    return /^data: (.*)$/m.exec(watch.lastView)?.[1] ?? null;
  }

  /** The portfolio's plans changed (added, removed, renamed): follow its new plans and recompute at once. */
  async changed(portfolioId: string): Promise<void> {
    const record = await this.ctx.rooms.storage.portfolios.get(portfolioId);
    for (const watch of this.watches.values()) {
      if (watch.portfolioId !== portfolioId || !record) continue;
      await this.follow(watch, record);
      this.schedule(watch, 0);
    }
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const watch of [...this.watches.values()]) {
      for (const client of watch.clients) client.end();
      this.dispose(watch);
    }
  }

  /** Subscribes to the plans the record holds and drops those it no longer holds. */
  private async follow(watch: Watch, record: PortfolioRecord): Promise<void> {
    const wanted = new Set(record.plans.map((p) => p.planId));
    for (const [planId, unsubscribe] of watch.unsubscribes) {
      if (wanted.has(planId)) continue;
      unsubscribe();
      watch.unsubscribes.delete(planId);
    }
    for (const planId of wanted) {
      if (watch.unsubscribes.has(planId)) continue;
      const onChange = () => this.schedule(watch, DEBOUNCE_MS);
      const local = this.ctx.rooms.onPlanChange(planId, onChange);
      watch.unsubscribes.set(planId, local);
      const fanout = this.ctx.rooms.fanout;
      if (!fanout) continue;
      // other instances' edits of a plan nobody opened here arrive through the plan's stream
      const remote = await fanout.subscribeUpdates(planId, onChange, '$', onChange);
      if (watch.closed || watch.unsubscribes.get(planId) !== local) remote();
      else watch.unsubscribes.set(planId, () => (local(), remote()));
    }
  }

  /** Recomputes `delay` ms after the last change, or MAX_WAIT_MS after the first of a burst. */
  private schedule(watch: Watch, delay: number): void {
    if (watch.closed) return;
    if (watch.computing) {
      watch.again = true;
      return;
    }
    const now = Date.now();
    if (!watch.timer) watch.firstChangeAt = now;
    watch.lastView = null;
    clearTimeout(watch.timer);
    const wait = Math.max(0, Math.min(delay, watch.firstChangeAt + MAX_WAIT_MS - now));
    watch.timer = setTimeout(() => void this.recompute(watch), wait);
  }

  private async recompute(watch: Watch): Promise<void> {
    watch.timer = undefined;
    watch.computing = true;
    try {
      const record = await this.ctx.rooms.storage.portfolios.get(watch.portfolioId);
      if (record && !watch.closed) {
        watch.lastView = `event: ${PORTFOLIO_EVENT_SUMMARY}\ndata: ${JSON.stringify(await computeView(this.ctx, record, watch.year))}\n\n`;
        for (const client of watch.clients) client.write(watch.lastView);
      }
    } catch (error) {
      this.ctx.log.warn({ portfolioId: watch.portfolioId, err: (error as Error).message }, 'portfolio view failed');
    } finally {
      watch.computing = false;
      if (watch.again) {
        watch.again = false;
        this.schedule(watch, DEBOUNCE_MS);
      }
    }
  }

  private leave(watch: Watch, res: ServerResponse): void {
    watch.clients.delete(res);
    if (watch.clients.size === 0) this.dispose(watch);
  }

  private dispose(watch: Watch): void {
    watch.closed = true;
    clearTimeout(watch.timer);
    for (const unsubscribe of watch.unsubscribes.values()) unsubscribe();
    watch.unsubscribes.clear();
    if (this.watches.get(watch.key) === watch) this.watches.delete(watch.key);
  }
}

/** Exports one link may have rendering at once (EXPORTS_PER_TOKEN, as for a plan's); more answer 429. */
const exportsPerToken = () => Number(process.env.EXPORTS_PER_TOKEN) || 2;

function portfolioRoutes(state: { watches?: PortfolioWatches; creation?: Limiter }): Route[] {
  const slots = new Slots();
  const maxBody = PORTFOLIO_LIMITS.maxBodyBytes;
  const watches = () => state.watches!;
  return [
    route('POST', /^\/api\/portfolios$/, async ({ req, res, ctx }) => {
      const wait = await state.creation!.take(req.socket.remoteAddress ?? 'ukendt');
      if (wait > 0) throw new HttpError(429, 'For mange nye porteføljer på kort tid. Prøv igen om lidt.', { retryAfter: wait });
      const title = titleOf(await readJsonBody(req, maxBody));
      const id = newPlanId();
      await ctx.rooms.storage.portfolios.create(id, title);
      ctx.log.info({ portfolioId: id }, 'portfolio created');
      sendJson(res, 201, { id, title, links: portfolioLinks(ctx, req, id) });
    }),
    route('GET', portfolioRoute(), async ({ req, res, url, params, ctx }) => {
      const { capability, record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url));
      const year = yearOf(url);
      // an open page's view while nothing changed since: no recomputation (the role goes first, the view as sent)
      const cached = watches().cachedView(record.id, year);
      if (cached) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`{"role":${JSON.stringify(capability.role)},${cached.slice(1)}`);
        return;
      }
      sendJson(res, 200, { ...(await computeView(ctx, record, year)), role: capability.role });
    }),
    route('PATCH', portfolioRoute(), async ({ req, res, url, params, ctx }) => {
      const { record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url), ['owner']);
      const title = titleOf(await readJsonBody(req, maxBody));
      await ctx.rooms.storage.portfolios.rename(record.id, title);
      void watches().changed(record.id);
      sendJson(res, 200, { id: record.id, title });
    }),
    route('GET', portfolioRoute('/links'), async ({ req, res, url, params, ctx }) => {
      const { record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url), ['owner']);
      sendJson(res, 200, { id: record.id, links: portfolioLinks(ctx, req, record.id) });
    }),
    route('POST', portfolioRoute('/plans'), async ({ req, res, url, params, ctx }) => {
      const { record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url), ['owner']);
      const planId = facilitatorLinkOf(ctx, await readJsonBody(req, maxBody));
      const outcome = await ctx.rooms.storage.portfolios.addPlan(record.id, planId, PORTFOLIO_LIMITS.maxPlans);
      if (outcome === 'missing') throw new HttpError(404, 'Planen findes ikke (længere) på denne server.');
      if (outcome === 'full') throw new HttpError(409, `Porteføljen har allerede ${PORTFOLIO_LIMITS.maxPlans} planer, som er det højeste antal.`);
      if (outcome === 'added') void watches().changed(record.id);
      sendJson(res, outcome === 'added' ? 201 : 200, { planId, added: outcome === 'added' });
    }),
    route('DELETE', portfolioRoute(`/plans/(${PLAN_ID_PATTERN})`), async ({ req, res, url, params, ctx }) => {
      const { record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url), ['owner']);
      if (!(await ctx.rooms.storage.portfolios.removePlan(record.id, params[1]!))) throw new HttpError(404, 'Planen er ikke i porteføljen.');
      void watches().changed(record.id);
      sendJson(res, 200, { planId: params[1], removed: true });
    }),
    // Word "Porteføljeoversigt" or the Excel workbook for a year, rendered in the worker pool (model/export/portfolio-*.ts)
    route('GET', portfolioRoute('/export'), async ({ req, res, url, params, ctx }) => {
      const token = tokenOf(req, url);
      const { record } = await resolvePortfolio(ctx, params[0]!, token);
      const format = url.searchParams.get('format') ?? '';
      if (!isPortfolioExport(format)) throw new HttpError(400, `Ukendt format "${format}". Vælg et af: ${PORTFOLIO_EXPORTS.join(', ')}.`);
      const year = parseYear(url.searchParams.get('year'));
      if (year === null) throw new HttpError(400, `year skal være et årstal som 2014, ikke "${url.searchParams.get('year')}".`);
      const file = await slots.run(`portfolio-export:${token}`, exportsPerToken(), async () =>
        ctx.pool.exportPortfolio({ plans: await planStates(ctx, record), format, year, title: record.title }));
      if (!file) throw new HttpError(429, 'Der laves allerede eksporter med dette link; prøv igen om lidt.', { retryAfter: 5 });
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': String(file.data.byteLength),
        'content-disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'cache-control': 'no-store',
      });
      res.end(file.data);
    }),
    route('GET', portfolioRoute('/events'), async ({ req, res, url, params, ctx }) => {
      const { record } = await resolvePortfolio(ctx, params[0]!, tokenOf(req, url));
      await watches().open(req, res, record, yearOf(url));
    }),
  ];
}

export function portfolioExtension(): Extension {
  const state: { watches?: PortfolioWatches; creation?: Limiter } = {};
  return {
    name: 'portfolio',
    onConfigure({ ctx }) {
      state.watches = new PortfolioWatches(ctx);
      state.creation = ctx.limiters.create('portfolios', ctx.limits.plansPerMinutePerAddress);
    },
    routes: portfolioRoutes(state),
    onDestroy() {
      state.watches?.close();
    },
  };
}
