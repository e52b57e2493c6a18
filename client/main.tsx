/**
 * Entry: the start page, /j/<code> (join by code), the plan page (/p/<planId>?token=…, behind a name prompt) and a
 * portfolio (/portfolio/<id>?token=…, no name needed: it only reads plans).
 */
import './csp.ts';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken } from './connection.ts';
import { I18nProvider } from './i18n.tsx';
import { rememberedName } from './myPlans.ts';
// each page's code loads with it: the portfolio page does not wait for the canvas, nor the plan for the charts
const PlanPage = lazy(() => import('./PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const PortfolioPage = lazy(() => import('./portfolio/PortfolioPage.tsx').then((m) => ({ default: m.PortfolioPage })));
import { JoinByCode, NameDialog, StartPage } from './StartPage.tsx';

type Route =
  | { page: 'start'; joining?: boolean }
  | { page: 'join'; code: string }
  | { page: 'plan'; planId: string; token: string }
  | { page: 'portfolio'; portfolioId: string; token: string };

function route(): Route {
  const plan = /^\/p\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname);
  const token = new URLSearchParams(window.location.search).get('token');
  if (plan && token) return { page: 'plan', planId: plan[1]!, token };
  const portfolio = /^\/portfolio\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname);
  if (portfolio && token) return { page: 'portfolio', portfolioId: portfolio[1]!, token };
  const join = /^\/j\/([^/]+)$/.exec(window.location.pathname);
  if (join) return { page: 'join', code: decodeURIComponent(join[1]!) };
  // the address the projector shows (host/j): someone with a code in hand, on a phone most often
  if (/^\/j\/?$/.test(window.location.pathname)) return { page: 'start', joining: true };
  return { page: 'start' };
}

function App() {
  const target = route();
  // the name is asked once per browser and remembered; "Skift navn" in the plan asks again
  const [name, setName] = useState<string | null>(rememberedName);
  if (target.page === 'start') return <StartPage joining={target.joining ?? false} />;
  if (target.page === 'join') return <JoinByCode code={target.code} />;
  if (target.page === 'portfolio') return <Suspense fallback={null}><PortfolioPage portfolioId={target.portfolioId} token={target.token} /></Suspense>;
  if (!name) return <NameDialog onJoin={setName} role={readToken(target.token)?.role ?? 'viewer'} />;
  return <Suspense fallback={null}><PlanPage planId={target.planId} token={target.token} name={name} onChangeName={() => setName(null)} /></Suspense>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
