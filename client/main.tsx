/** Entry: the landing page (start a plan) and the plan page (/p/<planId>?token=…), behind a name prompt. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken } from './connection.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { PlanPage } from './PlanPage.tsx';
import skabelon from '../examples/skabelon.json';

const NAME_KEY = 'forandringskort.name';

function route(): { planId: string; token: string } | null {
  const match = /^\/p\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname);
  const token = new URLSearchParams(window.location.search).get('token');
  return match && token ? { planId: match[1]!, token } : null;
}

function JoinDialog({ onJoin, role }: { onJoin: (name: string) => void; role: string }) {
  const { t } = useI18n();
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    localStorage.setItem(NAME_KEY, trimmed);
    onJoin(trimmed);
  };
  const roleText = { facilitator: t('facilitator', 'facilitator'), participant: t('deltager', 'participant'), viewer: t('læser', 'viewer') }[role] ?? role;
  return (
    <main className="join">
      <form onSubmit={submit} className="card">
        <h1>Forandringskort</h1>
        <p>{t(`Du deltager som ${roleText}. Skriv dit navn, så de andre kan se, hvem du er.`, `You are joining as ${roleText}. Enter your name so the others can see who you are.`)}</p>
        <label htmlFor="name">{t('Dit navn', 'Your name')}</label>
        <input id="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} data-testid="join-name" />
        <button type="submit" disabled={!name.trim()} data-testid="join">{t('Gå ind i planen', 'Enter the plan')}</button>
      </form>
    </main>
  );
}

function Landing() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [links, setLinks] = useState<Record<string, string> | null>(null);
  const create = async (body: string) => {
    setError(null);
    const res = await fetch('/api/plans', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const data = (await res.json()) as { links?: Record<string, string>; error?: string; problems?: { path: string; message: string }[] };
    if (!res.ok || !data.links) {
      setError([data.error ?? t('Planen kunne ikke oprettes.', 'The plan could not be created.'), ...(data.problems ?? []).slice(0, 10).map((p) => `${p.path}: ${p.message}`)].join('\n'));
      return;
    }
    setLinks(data.links);
  };
  return (
    <main className="landing">
      <div className="card">
        <h1>Forandringskort</h1>
        <p>{t('Byg forandringsteorien for jeres boligsociale helhedsplan sammen, live i workshoppen: aktiviteter, output, resultater, effekter, mål og indikatorer — og se med det samme, hvor kæden mangler et mål eller en indikator.',
          'Build the theory of change for your housing plan together, live in the workshop — and see at once where a chain lacks a goal or an indicator.')}</p>
        <button type="button" onClick={() => void create(JSON.stringify(skabelon))} data-testid="create-from-template">{t('Start en ny plan fra skabelonen', 'Start a new plan from the template')}</button>
        <label className="file-import">
          {t('… eller importér en planfil (forandringskort/v1, JSON)', '… or import a plan file (forandringskort/v1, JSON)')}
          <input type="file" accept="application/json,.json" onChange={(e) => void e.target.files?.[0]?.text().then(create)} />
        </label>
        {error && <pre className="field-error" role="alert">{error}</pre>}
        {links && (
          <div className="links" data-testid="links">
            <h2>{t('Planen er oprettet. Del linkene:', 'The plan is created. Share the links:')}</h2>
            <p><strong>{t('Facilitator', 'Facilitator')}</strong> ({t('gem det selv', 'keep it yourself')}): <a href={links.facilitator}>{t('åbn', 'open')}</a></p>
            <p><strong>{t('Deltager', 'Participant')}</strong>: <input readOnly value={links.participant} onFocus={(e) => e.target.select()} /></p>
            <p><strong>{t('Læser', 'Viewer')}</strong>: <input readOnly value={links.viewer} onFocus={(e) => e.target.select()} /></p>
          </div>
        )}
      </div>
    </main>
  );
}

function App() {
  const target = route();
  const [name, setName] = useState<string | null>(null);
  if (!target) return <Landing />;
  if (!name) return <JoinDialog onJoin={setName} role={readToken(target.token)?.role ?? 'viewer'} />;
  return <PlanPage planId={target.planId} token={target.token} name={name} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
