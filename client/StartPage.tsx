/**
 * Before a plan: the start page (a new empty plan, one from the template, a plan file, a join code, and "Mine
 * planer"), the name prompt (asked once per browser), and /j/ABC123, which turns a join code into the plan's
 * participant link.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { FileButton } from './FileButton.tsx';
import { formatDate, useI18n } from './i18n.tsx';
import { myPlans, myPortfolios, planPath, portfolioPath, rememberName, rememberedName, type MyPlan, type MyPortfolio } from './myPlans.ts';
import skabelon from '../examples/skabelon.json';

export const EMPTY_PLAN = { format: 'forandringskort/v1', plan: { title: 'Ny helhedsplan' }, focusAreas: [], nodes: [], edges: [] };

export function useRoleText(): (role: string) => string {
  const { t } = useI18n();
  return (role) => ({ facilitator: t('facilitator', 'facilitator'), participant: t('deltager', 'participant'), viewer: t('læser', 'viewer') })[role] ?? role;
}

export function NameDialog({ onJoin, role }: { onJoin: (name: string) => void; role: string }) {
  const { t } = useI18n();
  const roleText = useRoleText()(role);
  const [name, setName] = useState(() => rememberedName() ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    rememberName(trimmed);
    onJoin(trimmed);
  };
  return (
    <main className="join">
      <form onSubmit={submit} className="card">
        <h1>Forandringskort</h1>
        <p>{t(`Du er med som ${roleText}. Skriv dit navn, så de andre kan se, hvem du er.`, `You are joining as ${roleText}. Enter your name so the others can see who you are.`)}</p>
        <label htmlFor="name">{t('Dit navn', 'Your name')}</label>
        <input id="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} data-testid="join-name" />
        <button type="submit" disabled={!name.trim()} data-testid="join">{t('Gå ind i planen', 'Enter the plan')}</button>
      </form>
    </main>
  );
}

async function createPlan(body: string): Promise<{ path: string } | { error: string }> {
  const res = await fetch('/api/plans', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const data = (await res.json()) as { links?: Record<string, string>; error?: string; problems?: { path: string; message: string }[] };
  if (!res.ok || !data.links?.facilitator) {
    return { error: [data.error ?? 'Planen kunne ikke oprettes.', ...(data.problems ?? []).slice(0, 10).map((p) => `${p.path}: ${p.message}`)].join('\n') };
  }
  const link = new URL(data.links.facilitator);
  return { path: `${link.pathname}${link.search}` };
}

/** `joining`: opened at /j, the address the projector shows: the code comes first, nothing else is in the way. */
export function StartPage({ joining = false }: { joining?: boolean }) {
  const { t } = useI18n();
  const roleText = useRoleText();
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [plans] = useState<MyPlan[]>(myPlans);
  const [portfolios] = useState<MyPortfolio[]>(myPortfolios);
  const create = async (body: string) => {
    setError(null);
    const result = await createPlan(body);
    if ('error' in result) setError(result.error);
    // the creator is the facilitator: straight in; the links are in "Invitér" and the plan in "Mine planer"
    else window.location.assign(result.path);
  };
  const joinForm = (
    <form className="join-code-form" onSubmit={(e) => { e.preventDefault(); if (code.trim()) window.location.assign(`/j/${encodeURIComponent(code.trim())}`); }}>
      <label htmlFor="join-code">{joining ? t('Skriv koden fra skærmen', 'Type the code from the screen') : t('Har du fået en kode? Skriv den her', 'Got a code? Type it here')}</label>
      <div className="row">
        <input id="join-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={12} autoCapitalize="characters" autoComplete="off" placeholder="ABC123" autoFocus={joining} />
        <button type="submit">{t('Deltag', 'Join')}</button>
      </div>
    </form>
  );
  if (joining) {
    return (
      <main className="landing">
        <div className="card start">
          <h1>{t('Deltag i workshoppen', 'Join the workshop')}</h1>
          {joinForm}
          <p><a href="/">{t('Til forsiden: lav en ny plan', 'To the start page: make a new plan')}</a></p>
        </div>
      </main>
    );
  }
  return (
    <main className="landing">
      <div className="card start">
        <h1>Forandringskort</h1>
        <p>{t('Byg forandringsteorien for jeres boligsociale helhedsplan sammen, live i workshoppen: aktiviteter, output, resultater, effekter, mål og indikatorer — og se med det samme, hvor kæden mangler et mål eller en indikator.',
          'Build the theory of change for your housing plan together, live in the workshop — and see at once where a chain lacks a goal or an indicator.')}</p>
        <div className="start-actions">
          <button type="button" className="primary" onClick={() => void create(JSON.stringify(EMPTY_PLAN))} data-testid="create-empty">{t('Ny tom plan', 'New empty plan')}</button>
          <button type="button" onClick={() => void create(JSON.stringify(skabelon))} data-testid="create-from-template">{t('Ny plan fra skabelonen', 'New plan from the template')}</button>
        </div>
        <div className="file-import">
          <span>{t('… eller importér en planfil (forandringskort/v1, JSON)', '… or import a plan file (forandringskort/v1, JSON)')}</span>
          <FileButton label={t('Vælg planfil …', 'Choose plan file …')} accept="application/json,.json" onFile={(file) => void file.text().then(create)} />
        </div>
        {error && <pre className="field-error" role="alert">{error}</pre>}
        {joinForm}
        <section aria-labelledby="my-plans">
          <h2 id="my-plans">{t('Mine planer', 'My plans')}</h2>
          {plans.length > 0 && (
            <ul className="my-plans" data-testid="my-plans">
              {plans.map((plan) => (
                <li key={`${plan.planId}-${plan.role}`}>
                  <a href={planPath(plan)}>{plan.title || t('(uden titel)', '(untitled)')}</a>
                  <span className="muted"> · {roleText(plan.role)} · {t('sidst', 'last')} {formatDate(plan.lastVisit)}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('Porteføljer', 'Portfolios')}</h3>
          <p className="muted">{t('Følg flere helhedsplaner side om side, år for år: en portefølje samler planerne med deres tal.', 'Follow several plans side by side, year by year.')}</p>
          {portfolios.length > 0 && (
            <ul className="my-plans" data-testid="my-portfolios">
              {portfolios.map((portfolio) => (
                <li key={`${portfolio.portfolioId}-${portfolio.role}`}>
                  <a href={portfolioPath(portfolio)}>{portfolio.title}</a>
                  <span className="muted"> · {portfolio.role === 'owner' ? t('ejer', 'owner') : t('læser', 'reader')} · {t('sidst', 'last')} {formatDate(portfolio.lastVisit)}</span>
                </li>
              ))}
            </ul>
          )}
          <NewPortfolio />
        </section>
      </div>
    </main>
  );
}

/** Creates a portfolio with a title and opens it with its owner link. */
function NewPortfolio() {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const res = await fetch('/api/portfolios', { method: 'POST', body: JSON.stringify({ title: title.trim() }), headers: { 'content-type': 'application/json' } });
    const data = (await res.json().catch(() => ({}))) as { links?: { owner: string }; error?: string };
    if (!res.ok || !data.links) return setError(data.error ?? t('Porteføljen kunne ikke oprettes.', 'The portfolio could not be created.'));
    const link = new URL(data.links.owner);
    window.location.assign(`${link.pathname}${link.search}`);
  };
  return (
    <form className="join-code-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor="new-portfolio">{t('Titel på ny portefølje', 'Title of a new portfolio')}</label>
      <div className="row">
        <input id="new-portfolio" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder={t('fx Aarhus Kommunes helhedsplaner', 'e.g. the city’s plans')} />
        <button type="submit" disabled={!title.trim()}>{t('Opret portefølje', 'Create portfolio')}</button>
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
    </form>
  );
}

/** /j/ABC123: asks the server for the code's participant link and goes there. */
export function JoinByCode({ code }: { code: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      const res = await fetch(`/api/join/${encodeURIComponent(code)}`);
      const body = (await res.json().catch(() => ({}))) as { path?: string; error?: string };
      if (res.ok && body.path) window.location.replace(body.path);
      else setError(body.error ?? t('Koden kunne ikke bruges.', 'The code could not be used.'));
    })();
  }, [code, t]);
  return (
    <main className="join">
      <div className="card">
        <h1>Forandringskort</h1>
        {error ? (
          <>
            <p role="alert">{error}</p>
            <a href="/">{t('Til forsiden', 'To the start page')}</a>
          </>
        ) : (
          <p>{t(`Åbner planen for koden ${code} …`, `Opening the plan for code ${code} …`)}</p>
        )}
      </div>
    </main>
  );
}
