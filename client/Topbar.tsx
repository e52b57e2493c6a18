/** The workspace's top bar: title, connection, workshop controls, who is here, views, plan panel, invite, projector. */
import type { ReactNode } from 'react';
import type { PlanFile } from '../model/schema.ts';
import type { PlanSession } from './connection.ts';
import { useConnectionStatus, usePeers } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import type { WorkshopState } from './workshop/useWorkshop.ts';
import { WorkshopBar } from './workshop/WorkshopBar.tsx';

export type View = 'canvas' | 'outline' | 'matrix' | 'followup';

export function Topbar({ session, plan, workshop, followControls, view, onView, presenting, onPresenting, onPlanPanel, onInvite, onChangeName }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  followControls: ReactNode;
  view: View;
  onView: (view: View) => void;
  presenting: boolean;
  onPresenting: () => void;
  onPlanPanel: () => void;
  onInvite: () => void;
  onChangeName: () => void;
}) {
  const { t, lang, setLang } = useI18n();
  const peers = usePeers(session);
  const status = useConnectionStatus(session);
  const facilitator = session.role === 'facilitator';
  const statusText = { connected: t('Forbundet', 'Connected'), connecting: t('Forbinder …', 'Connecting …'), offline: t('Offline: dine ændringer gemmes og sendes, når forbindelsen er tilbage', 'Offline: your changes are kept and sent when the connection is back') }[status];
  return (
    <header className="topbar">
      <h1 title={plan.plan.title}>{plan.plan.title}</h1>
      <button type="button" onClick={onPlanPanel} data-testid="plan-info">{t('Planen', 'The plan')}</button>
      {facilitator && <button type="button" onClick={onInvite} data-testid="invite">{t('Invitér', 'Invite')}</button>}
      {facilitator && <ProjectorButton session={session} />}
      <span className={`connection connection-${status}`} role="status" data-testid="connection-status" data-status={status}>
        <span className="dot" aria-hidden /> {statusText}
      </span>
      <WorkshopBar session={session} workshop={workshop} />
      {followControls}
      {session.role === 'viewer' && <span className="tag tag-readonly" data-testid="readonly-badge">{t('Læseadgang: du kan se, men ikke ændre', 'Read-only: you can look but not change')}</span>}
      <div className="spacer" />
      <ul className="peers" aria-label={t('Hvem er her', 'Who is here')} data-testid="peers">
        <li className="peer me" style={{ background: '#175e54' }}>
          <button type="button" className="peer-me" onClick={onChangeName} title={t('Skift navn', 'Change name')}>{t('Dig', 'You')}: {session.localOrigin.user} ✎</button>
        </li>
        {peers.map((peer) => (
          <li key={peer.clientId} className="peer" style={{ background: peer.color }} title={`${peer.name} (${peer.role})`}>
            {peer.name}
          </li>
        ))}
      </ul>
      <nav className="views" aria-label={t('Visning', 'View')}>
        {(['canvas', 'outline', 'matrix', 'followup'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => onView(v)} data-testid={`view-${v}`}>
            {{ canvas: t('Kort', 'Map'), outline: t('Disposition', 'Outline'), matrix: t('Dækning', 'Coverage'), followup: t('Opfølgning', 'Follow-up') }[v]}
          </button>
        ))}
      </nav>
      <button type="button" onClick={onPresenting} aria-pressed={presenting} data-testid="present">
        {presenting ? t('Afslut præsentation', 'Leave presentation') : t('Præsentation', 'Present')}
      </button>
      <button type="button" onClick={() => setLang(lang === 'da' ? 'en' : 'da')} data-testid="language">
        {lang === 'da' ? 'English' : 'Dansk'}
      </button>
    </header>
  );
}

/** Opens the projector view in a new window: the viewer link (it follows, it cannot edit) and the current join code. */
function ProjectorButton({ session }: { session: PlanSession }) {
  const { t } = useI18n();
  const open = async () => {
    const auth = `token=${encodeURIComponent(session.token)}`;
    const [links, code] = await Promise.all([
      fetch(`/api/plans/${session.planId}/links?${auth}`).then((r) => r.json() as Promise<{ links: Record<string, string> }>),
      fetch(`/api/plans/${session.planId}/join-code?${auth}`).then((r) => r.json() as Promise<{ code: string | null }>),
    ]);
    const viewer = new URL(links.links.viewer!);
    viewer.searchParams.set('visning', 'projektor');
    window.open(`${viewer.pathname}${viewer.search}${code.code ? `#kode=${code.code}` : ''}`, '_blank', 'noopener');
  };
  return <button type="button" onClick={() => void open()} data-testid="projector">{t('Projektor', 'Projector')}</button>;
}
