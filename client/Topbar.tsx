/**
 * The workspace's top bar, one row from 1280 px: title, connection, plan panel, invite, the workshop's everyday
 * controls (timer, voting, lock, follow me), who is here, the views, and "Mere" for the rarer actions.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { PlanFile } from '../model/schema.ts';
import type { PlanSession } from './connection.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { usePeers } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { useRoleText } from './StartPage.tsx';
import type { WorkshopState } from './workshop/useWorkshop.ts';
import { LockAllButton, LockKinds, TimerControls, TimerSettings, VotingSettings, VotingToggle, WorkshopTags } from './workshop/WorkshopBar.tsx';

export type View = 'canvas' | 'outline' | 'matrix' | 'followup';

export function Topbar({ session, plan, workshop, followControls, summonControl, view, onView, presenting, onPresenting, onPlanPanel, onInvite, onHelp, onChangeName }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  followControls: ReactNode;
  /** "Hent alle hertil": the facilitator's, in the "Mere" menu */
  summonControl: ReactNode;
  view: View;
  onView: (view: View) => void;
  presenting: boolean;
  onPresenting: () => void;
  onPlanPanel: () => void;
  onInvite: () => void;
  onHelp: () => void;
  onChangeName: () => void;
}) {
  const { t, lang, setLang } = useI18n();
  const facilitator = session.role === 'facilitator';
  const viewNames = { canvas: t('Kort', 'Map'), outline: t('Disposition', 'Outline'), matrix: t('Dækning', 'Coverage'), followup: t('Opfølgning', 'Follow-up') };
  const viewHints = {
    canvas: t('Forandringsteorien som kort', 'The theory of change as a map'),
    outline: t('Planen som punktliste pr. indsatsområde', 'The plan as a nested list per focus area'),
    matrix: t('Dækning: mål × aktiviteter', 'Coverage: goals × activities'),
    followup: t('Opfølgning år for år', 'Follow-up year by year'),
  };
  return (
    <header className="topbar">
      <h1 title={plan.plan.title}>{plan.plan.title}</h1>
      <ConnectionBadge session={session} />
      <button type="button" onClick={onPlanPanel} data-testid="plan-info" title={t('Planens titel, periode, vision og indsatsområder', "The plan's title, period, vision and focus areas")}>{t('Planen', 'The plan')}</button>
      {facilitator && <button type="button" onClick={onInvite} data-testid="invite" title={t('Links, QR-kode og kode til telefonerne', 'Links, QR code and a code for the phones')}>{t('Invitér', 'Invite')}</button>}
      <div className="topbar-group" role="group" aria-label={t('Workshoppen', 'The workshop')}>
        <TimerControls session={session} workshop={workshop} />
        {facilitator && <VotingToggle session={session} workshop={workshop} compact />}
        {facilitator && <LockAllButton session={session} workshop={workshop} />}
        {followControls}
        <WorkshopTags session={session} workshop={workshop} />
      </div>
      {session.role === 'viewer' && <span className="tag tag-readonly" data-testid="readonly-badge" title={t('Læseadgang: du kan se, men ikke ændre', 'Read-only: you can look but not change')}>{t('Kun læse', 'Read-only')}</span>}
      <div className="spacer" />
      <Peers session={session} onChangeName={onChangeName} />
      <nav className="views" aria-label={t('Visning', 'View')}>
        {(['canvas', 'outline', 'matrix', 'followup'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => onView(v)} data-testid={`view-${v}`} title={viewHints[v]}>{viewNames[v]}</button>
        ))}
      </nav>
      <MoreMenu>
        {facilitator && (
          <>
            <div className="more-row"><span className="more-label">{t('Timer', 'Timer')}</span><TimerSettings session={session} workshop={workshop} /></div>
            <div className="more-row"><span className="more-label">{t('Afstemning', 'Voting')}</span><VotingSettings session={session} workshop={workshop} /></div>
            <LockKinds session={session} workshop={workshop} />
            {summonControl}
            <ProjectorButton session={session} />
          </>
        )}
        <button type="button" onClick={onPresenting} aria-pressed={presenting} data-testid="present" title={t('Stor skrift til skærm eller projektor, i dette vindue', 'Large type for a screen or projector, in this window')}>
          {presenting ? t('Afslut præsentation', 'Leave presentation') : t('Præsentation', 'Present')}
        </button>
        <button type="button" onClick={onHelp} data-testid="help" aria-keyshortcuts="?">{t('Tastatur (?)', 'Keyboard (?)')}</button>
        <button type="button" onClick={() => setLang(lang === 'da' ? 'en' : 'da')} data-testid="language" lang={lang === 'da' ? 'en' : 'da'}>
          {lang === 'da' ? 'English' : 'Dansk'}
        </button>
      </MoreMenu>
    </header>
  );
}

/** The rarer actions behind one button; closes on Escape and on a click elsewhere. */
function MoreMenu({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menu.contains(event.target as Node)) menu.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="more-menu" ref={ref}>
      <summary data-testid="more" title={t('Flere handlinger: timer, afstemning, låse, projektor, præsentation, sprog', 'More: timer, voting, locks, projector, presentation, language')}>
        {t('Mere', 'More')} <span aria-hidden>▾</span>
      </summary>
      {/* an action done closes the menu; settings (selects, checkboxes) keep it open */}
      <div className="more-panel" role="group" aria-label={t('Flere handlinger', 'More actions')}
        onClick={(e) => { if ((e.target as HTMLElement).closest('button') && ref.current) ref.current.open = false; }}>{children}</div>
    </details>
  );
}

/** Me (click to change my name) and the others here as round initials (the name in the tooltip and for screen readers); beyond a few, a count. */
function Peers({ session, onChangeName }: { session: PlanSession; onChangeName: () => void }) {
  const { t } = useI18n();
  const roleText = useRoleText();
  const peers = usePeers(session);
  const shown = peers.slice(0, MAX_PEERS_SHOWN);
  const rest = peers.slice(MAX_PEERS_SHOWN);
  return (
    <ul className="peers" aria-label={t('Hvem er her', 'Who is here')} data-testid="peers">
      <li className="peer me" style={{ background: '#175e54' }}>
        <button type="button" className="peer-me" onClick={onChangeName} title={t(`Du er ${session.localOrigin.user}. Klik for at skifte navn.`, `You are ${session.localOrigin.user}. Click to change your name.`)}
          aria-label={t(`Skift navn (du er ${session.localOrigin.user})`, `Change name (you are ${session.localOrigin.user})`)}>
          {session.localOrigin.user} ✎
        </button>
      </li>
      {shown.map((peer) => (
        <li key={peer.clientId} className="peer peer-avatar" style={{ background: peer.color }} title={`${peer.name} (${roleText(peer.role)})`}>
          <span aria-hidden>{initials(peer.name)}</span><span className="sr-only">{peer.name}</span>
        </li>
      ))}
      {rest.length > 0 && <li className="peer peer-more" title={rest.map((p) => p.name).join(', ')}>+{rest.length}</li>}
    </ul>
  );
}

const MAX_PEERS_SHOWN = 6;

/** "Fie Facilitator" → "FF", "Mads" → "MA": two letters fit a round avatar. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : (words[0] ?? '?').slice(0, 2)).toUpperCase();
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
