/**
 * /portfolio/<id>?token=…: several plans side by side for a year (issue 22). The view comes from the server
 * live from its event stream (GET /api/portfolios/:id/events, computed in a worker): when someone edits one of
 * the plans, the page changes within seconds without a reload. The owner adds a plan by pasting its facilitator
 * link, removes plans and renames; a læser only reads. Each plan opens read-only through its view path.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  PORTFOLIO_EVENT_SUMMARY, PORTFOLIO_LIMITS, portfolioCapabilityOfPayload, tokenPayload, type PortfolioLinks, type PortfolioRole,
} from '../../model/protocol.ts';
import { useI18n } from '../i18n.tsx';
import { rememberPortfolio } from '../myPlans.ts';
import type { PortfolioView } from '../../model/portfolio-view.ts';
import { PlanTable } from './PlanTable.tsx';
import { StatusHeatmap } from './StatusHeatmap.tsx';
import { CodeCharts } from './CodeCharts.tsx';
import { RedActivities } from './RedActivities.tsx';

type Loaded = PortfolioView & { role: PortfolioRole };

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(data.error ?? `Fejl ${res.status}`);
  return data;
}

export function PortfolioPage({ portfolioId, token }: { portfolioId: string; token: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const base = `/api/portfolios/${portfolioId}`;
  const yearQuery = chosenYear === null ? '' : `year=${chosenYear}`;

  // The event stream alone brings the view: first on connect, then after every change of a plan (or of the
  // portfolio). The role the link grants is read from its token to shape the page; the server checks every action.
  useEffect(() => {
    const role: PortfolioRole = portfolioCapabilityOfPayload(tokenPayload(token))?.role ?? 'reader';
    const source = new EventSource(`${base}/events?token=${encodeURIComponent(token)}${yearQuery ? `&${yearQuery}` : ''}`);
    let views = 0;
    source.addEventListener(PORTFOLIO_EVENT_SUMMARY, (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as PortfolioView;
      setView({ ...next, role });
      setError(null);
      // the stream's first view is the page's start: only later ones are news
      if (views++ > 0) setUpdatedAt(new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
    });
    source.addEventListener('error', () => {
      // a refused link closes the stream for good: ask once more to show the server's reason
      if (source.readyState !== EventSource.CLOSED) return;
      void api<Loaded>('GET', `${base}${yearQuery ? `?${yearQuery}` : ''}`, token).then((loaded) => setView(loaded), (e: Error) => setError(e.message));
    });
    return () => source.close();
  }, [base, yearQuery, token]);
  useEffect(() => {
    if (!view) return;
    document.title = `${view.title} · ${t('Portefølje', 'Portfolio')} · Forandringskort`;
    rememberPortfolio({ portfolioId, token, role: view.role, title: view.title });
  }, [view?.title, view?.role, portfolioId, token, t]); // eslint-disable-line react-hooks/exhaustive-deps

  if (error && !view) {
    return (
      <main className="join">
        <div className="card">
          <h1>Forandringskort</h1>
          <p role="alert">{error}</p>
          <a href="/">{t('Til forsiden', 'To the start page')}</a>
        </div>
      </main>
    );
  }
  if (!view) return <main className="portfolio"><p role="status">{t('Henter porteføljen …', 'Loading the portfolio …')}</p></main>;
  const owner = view.role === 'owner';
  const viewPaths = new Map(view.plans.map((p) => [p.id, p.viewPath]));
  return (
    <main className="portfolio" data-testid="portfolio">
      <header className="portfolio-head">
        <p className="muted"><a href="/">Forandringskort</a> · {t('Portefølje', 'Portfolio')} · {owner ? t('du er ejer', 'you are the owner') : t('du har et læselink', 'you have a read-only link')}</p>
        <h1>{view.title}</h1>
        <div className="portfolio-year">
          <label htmlFor="portfolio-year">{t('År', 'Year')}</label>
          <select id="portfolio-year" value={view.year} onChange={(e) => setChosenYear(Number(e.target.value))}>
            {view.statusByYear.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        {view.plans.length > 0 && (
          <p className="portfolio-exports">
            <a href={`${base}/export?format=portfolio-docx&year=${view.year}&token=${encodeURIComponent(token)}`} download>{t(`Hent Porteføljeoversigt ${view.year} (Word)`, `Download the portfolio overview ${view.year} (Word)`)}</a>
            {' · '}
            <a href={`${base}/export?format=portfolio-xlsx&year=${view.year}&token=${encodeURIComponent(token)}`} download>{t(`Hent tallene ${view.year} (Excel)`, `Download the figures ${view.year} (Excel)`)}</a>
          </p>
        )}
        <p role="status" aria-live="polite" className="muted" data-testid="portfolio-updated">
          {updatedAt ? t(`Opdateret kl. ${updatedAt}, da en plan blev ændret`, `Updated at ${updatedAt}, when a plan changed`) : ''}
        </p>
      </header>
      {error && <p role="alert" className="field-error">{error}</p>}
      {owner && <OwnerTools base={base} token={token} view={view} onError={setError} />}
      <section aria-labelledby="portfolio-plans">
        <h2 id="portfolio-plans">{t(`Planer ${view.year}`, `Plans ${view.year}`)}</h2>
        {view.plans.length === 0
          ? <p>{owner ? t('Porteføljen har ingen planer endnu. Tilføj en plan med dens facilitatorlink ovenfor.', 'The portfolio has no plans yet. Add one with its facilitator link above.') : t('Porteføljen har ingen planer endnu.', 'The portfolio has no plans yet.')}</p>
          : <PlanTable summary={view.summary} viewPaths={viewPaths} onRemove={owner ? (planId) => void api('DELETE', `${base}/plans/${planId}`, token).catch((e: Error) => setError(e.message)) : undefined} />}
      </section>
      {view.plans.length > 0 && (
        <>
          <section aria-labelledby="portfolio-heatmap">
            <h2 id="portfolio-heatmap">{t('Indikatorer nået, plan for plan og år for år', 'Indicators reached, by plan and year')}</h2>
            <StatusHeatmap view={view} />
          </section>
          <section aria-labelledby="portfolio-codes">
            <h2 id="portfolio-codes">{t('Fælles indikatorer', 'Shared indicators')}</h2>
            <CodeCharts view={view} />
          </section>
          <section aria-labelledby="portfolio-red">
            <h2 id="portfolio-red">{t(`Røde aktiviteter ${view.year}`, `Red activities ${view.year}`)}</h2>
            <RedActivities summary={view.summary} viewPaths={viewPaths} />
          </section>
        </>
      )}
    </main>
  );
}

/** The owner's tools; what they change comes back to the page through the event stream. */
function OwnerTools({ base, token, view, onError }: { base: string; token: string; view: Loaded; onError: (message: string) => void }) {
  const { t } = useI18n();
  const [link, setLink] = useState('');
  const [title, setTitle] = useState(view.title);
  const [links, setLinks] = useState<PortfolioLinks | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  useEffect(() => setTitle(view.title), [view.title]);
  useEffect(() => {
    void api<{ links: PortfolioLinks }>('GET', `${base}/links`, token).then((r) => setLinks(r.links), () => {});
  }, [base, token]);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setAddError(null);
    try {
      const result = await api<{ added: boolean }>('POST', `${base}/plans`, token, { link: link.trim() });
      setMessage(result.added ? t('Planen er tilføjet.', 'The plan was added.') : t('Planen er allerede i porteføljen.', 'The plan is in the portfolio already.'));
      setLink('');
    } catch (e) {
      setAddError((e as Error).message);
    }
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('PATCH', base, token, { title });
      setMessage(t('Porteføljen er omdøbt.', 'The portfolio was renamed.'));
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const full = view.plans.length >= PORTFOLIO_LIMITS.maxPlans;
  return (
    <section aria-labelledby="portfolio-owner" className="portfolio-owner">
      <h2 id="portfolio-owner">{t('Redigér porteføljen', 'Edit the portfolio')}</h2>
      <form onSubmit={(e) => void add(e)} className="row">
        <label htmlFor="portfolio-add">{t('Planens facilitatorlink', "The plan's facilitator link")}</label>
        <input id="portfolio-add" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://…/p/…?token=…" autoComplete="off"
          aria-describedby="portfolio-add-help" aria-invalid={addError ? true : undefined} />
        <button type="submit" disabled={!link.trim() || full}>{t('Tilføj plan', 'Add plan')}</button>
        <p id="portfolio-add-help" className="muted">
          {full ? t(`Porteføljen har ${PORTFOLIO_LIMITS.maxPlans} planer, det højeste antal.`, `The portfolio has ${PORTFOLIO_LIMITS.maxPlans} plans, the most it takes.`)
            : t('Kun facilitatorlinket kan tilføje en plan. Linket gemmes ikke og vises aldrig i porteføljen; læsere ser planen skrivebeskyttet.',
              'Only the facilitator link adds a plan. It is not kept and never shown in the portfolio; readers see the plan read-only.')}
        </p>
        {addError && <p role="alert" className="field-error">{addError}</p>}
      </form>
      <form onSubmit={(e) => void rename(e)} className="row">
        <label htmlFor="portfolio-title">{t('Porteføljens titel', "The portfolio's title")}</label>
        <input id="portfolio-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={PORTFOLIO_LIMITS.maxTitleLength} />
        <button type="submit" disabled={!title.trim() || title.trim() === view.title}>{t('Omdøb', 'Rename')}</button>
      </form>
      {links && (
        <div className="row">
          <label htmlFor="portfolio-reader-link">{t('Læselink (del det med dem, der kun skal se porteføljen)', 'Read-only link (share it with those who only read)')}</label>
          <input id="portfolio-reader-link" readOnly value={links.reader} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

/** The view's plans as a map by id, for the parts that name a plan. */
export function usePlanTitles(view: PortfolioView): Map<string, string> {
  return useMemo(() => new Map(view.plans.map((p) => [p.id, p.title])), [view.plans]);
}
