/** The page a workshop works in: canvas, panels, toolbar, presence. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { NodeKind } from '../model/schema.ts';
import { Canvas } from './Canvas.tsx';
import { useLiveSelection } from './canvas/selection.ts';
import { useAddCard } from './canvas/useAddCard.ts';
import { openSession, type PlanSession } from './connection.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { useCheck, useConnectionStatus, usePeers, usePlan } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { Inspector } from './Inspector.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from './kinds.ts';
import { layoutDoc } from './layoutClient.ts';
import { CoverageMatrix, FindingsPanel, FocusAreas, Outline } from './Panels.tsx';
import { FollowUpView } from './followup/FollowUpView.tsx';
import { Ideas } from './workshop/Ideas.tsx';
import { TargetWorkshop, useFollowMe, Versions, WorkshopBar } from './workshop/WorkshopBar.tsx';
import { useWorkshop } from './workshop/useWorkshop.ts';

type View = 'canvas' | 'outline' | 'matrix' | 'followup';

export function PlanPage({ planId, token, name }: { planId: string; token: string; name: string }) {
  const [session, setSession] = useState<PlanSession | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    const opened = openSession(planId, token, name, (reason) => setRefused(reason));
    setSession(opened);
    (window as unknown as { __fk?: unknown }).__fk = { doc: opened.doc, provider: opened.provider, awareness: opened.provider.awareness, session: opened };
    return () => opened.destroy();
  }, [planId, token, name]);
  if (!session) return null;
  return (
    <ReactFlowProvider>
      {refused && <RefusedBanner reason={refused} session={session} />}
      <Workspace session={session} />
    </ReactFlowProvider>
  );
}

/** The server refused an edit (a lock, a role): our copy is out of step, so start again from the server's. */
function RefusedBanner({ reason, session }: { reason: string; session: PlanSession }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-error" role="alert">
      {t('Serveren afviste en ændring', 'The server refused a change')}: {reason}{' '}
      <button type="button" onClick={() => void session.persistence.clearData().then(() => window.location.reload())}>
        {t('Hent planen igen', 'Reload the plan')}
      </button>
    </div>
  );
}

function Workspace({ session }: { session: PlanSession }) {
  const { t, lang, setLang } = useI18n();
  const flow = useReactFlow();
  const plan = usePlan(session);
  const check = useCheck(plan);
  const peers = usePeers(session);
  const status = useConnectionStatus(session);
  const workshop = useWorkshop(session);
  const follow = useFollowMe(session);
  const isParticipant = session.role === 'participant';
  // a viewer never writes; a participant not while the facilitator has locked the whole plan
  const readOnly = session.role === 'viewer' || (isParticipant && workshop.locks.all);
  const lockedKinds = useMemo(() => new Set<string>(isParticipant ? workshop.locks.kinds : []), [isParticipant, workshop.locks.kinds]);
  const [view, setView] = useState<View>('canvas');
  const [rawSelection, setSelection] = useState<string[]>([]);
  const selection = useLiveSelection(rawSelection, plan, setSelection);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [presenting, setPresenting] = useState(false);
  const [focusArea, setFocusArea] = useState<string>('');

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    document.body.classList.toggle('presenting', presenting);
  }, [presenting]);

  const onSelect = useCallback((ids: string[], edgeId?: string | null) => {
    setSelection(ids);
    setSelectedEdge(edgeId ?? null);
  }, []);

  const focusNode = useCallback(
    (id: string) => {
      setView('canvas');
      setSelection([id]);
      setSelectedEdge(null);
      const node = flow.getNode(id);
      if (node) {
        const width = node.measured?.width ?? 220;
        const height = node.measured?.height ?? 80;
        void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 400 });
      }
    },
    [flow],
  );

  const showPath = useCallback(
    (ids: string[]) => {
      setView('canvas');
      setSelection(ids);
      setTimeout(() => void flow.fitView({ nodes: ids.map((id) => ({ id })), duration: 400, padding: 0.3 }), 50);
    },
    [flow],
  );

  const addCard = useAddCard(session);
  const addKind = useCallback(
    (kind: NodeKind) => {
      if (readOnly || lockedKinds.has(kind)) return;
      const id = addCard(kind, t(`Ny ${KIND_LOOKS[kind].da.toLowerCase()}`, `New ${KIND_LOOKS[kind].en.toLowerCase()}`), focusArea || undefined);
      setSelection([id]);
      setSelectedEdge(null);
      setView('canvas');
    },
    [addCard, focusArea, lockedKinds, readOnly, t],
  );

  const undo = useCallback(() => session.undoManager.undo(), [session]);
  const redo = useCallback(() => session.undoManager.redo(), [session]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable="true"]');
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !typing) {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
        return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y' && !typing) {
        event.preventDefault();
        redo();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const kind = NODE_KIND_ORDER.find((k) => KIND_LOOKS[k].key === event.key);
      if (kind) {
        event.preventDefault();
        addKind(kind);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addKind, redo, undo]);

  const layout = useCallback(async () => {
    session.undoManager.stopCapturing();
    // one transaction, one undo step; every screen (this one too) fits its view when it arrives (useLayoutArrival)
    await layoutDoc(session.doc, session.localOrigin);
    session.undoManager.stopCapturing();
  }, [session]);

  const selectedNode = useMemo(() => (selection.length === 1 ? plan.nodes.find((n) => n.id === selection[0]) : undefined), [plan.nodes, selection]);
  const edge = useMemo(() => (selectedEdge ? plan.edges.find((e) => e.id === selectedEdge) : undefined), [plan.edges, selectedEdge]);

  const statusText = { connected: t('Forbundet', 'Connected'), connecting: t('Forbinder …', 'Connecting …'), offline: t('Offline: dine ændringer gemmes og sendes, når forbindelsen er tilbage', 'Offline: your changes are kept and sent when the connection is back') }[status];

  return (
    <div className={`workspace${presenting ? ' presenting' : ''}`}>
      <header className="topbar">
        <h1 title={plan.plan.title}>{plan.plan.title}</h1>
        <span className={`connection connection-${status}`} role="status" data-testid="connection-status" data-status={status}>
          <span className="dot" aria-hidden /> {statusText}
        </span>
        <WorkshopBar session={session} workshop={workshop} />
        {follow.controls}
        {session.role === 'viewer' && <span className="tag tag-readonly" data-testid="readonly-badge">{t('Læseadgang: du kan se, men ikke ændre', 'Read-only: you can look but not change')}</span>}
        <div className="spacer" />
        <ul className="peers" aria-label={t('Hvem er her', 'Who is here')} data-testid="peers">
          <li className="peer me" style={{ background: '#175e54' }} title={t('Dig', 'You')}>{t('Dig', 'You')}</li>
          {peers.map((peer) => (
            <li key={peer.clientId} className="peer" style={{ background: peer.color }} title={`${peer.name} (${peer.role})`}>
              {peer.name}
            </li>
          ))}
        </ul>
        <nav className="views" aria-label={t('Visning', 'View')}>
          {(['canvas', 'outline', 'matrix', 'followup'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`view-${v}`}>
              {{ canvas: t('Kort', 'Map'), outline: t('Disposition', 'Outline'), matrix: t('Dækning', 'Coverage'), followup: t('Opfølgning', 'Follow-up') }[v]}
            </button>
          ))}
        </nav>
        <button type="button" onClick={() => setPresenting((p) => !p)} aria-pressed={presenting} data-testid="present">
          {presenting ? t('Afslut præsentation', 'Leave presentation') : t('Præsentation', 'Present')}
        </button>
        <button type="button" onClick={() => setLang(lang === 'da' ? 'en' : 'da')} data-testid="language">
          {lang === 'da' ? 'English' : 'Dansk'}
        </button>
      </header>
      {notice && (
        <div className="banner" role="alert" data-testid="notice">
          {notice}
        </div>
      )}
      <div className="body">
        {session.role !== 'viewer' && (
          <aside className="palette" aria-label={t('Tilføj', 'Add')}>
            <h2>{t('Tilføj', 'Add')}</h2>
            {NODE_KIND_ORDER.map((kind) => (
              <button key={kind} type="button" className="palette-item" style={{ borderLeftColor: KIND_LOOKS[kind].color }} onClick={() => addKind(kind)} disabled={readOnly || lockedKinds.has(kind)}
                data-testid={`add-${kind}`} title={t(`Tast ${KIND_LOOKS[kind].key}`, `Key ${KIND_LOOKS[kind].key}`)}>
                <span aria-hidden>{KIND_LOOKS[kind].icon}</span> {t(KIND_LOOKS[kind].da, KIND_LOOKS[kind].en)} <kbd>{KIND_LOOKS[kind].key}</kbd>
              </button>
            ))}
            <label className="field">
              {t('Nye noder i', 'New nodes in')}
              <select value={focusArea} onChange={(e) => setFocusArea(e.target.value)}>
                <option value="">{t('(intet indsatsområde)', '(no focus area)')}</option>
                {(plan.focusAreas ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
              </select>
            </label>
            <h2>{t('Rediger', 'Edit')}</h2>
            <button type="button" onClick={undo} data-testid="undo" title="Ctrl+Z">↶ {t('Fortryd', 'Undo')}</button>
            <button type="button" onClick={redo} data-testid="redo" title="Ctrl+Shift+Z">↷ {t('Gentag', 'Redo')}</button>
            <button type="button" onClick={() => void layout()} data-testid="layout">⇶ {t('Ryd op (auto-layout)', 'Tidy up (auto-layout)')}</button>
            <FocusAreas session={session} plan={plan} readOnly={readOnly} />
          </aside>
        )}
        <main className="main" aria-label={t('Forandringsteori', 'Theory of change')}>
          {view === 'canvas' && (
            <Canvas session={session} plan={plan} byNode={check.byNode} peers={peers} readOnly={readOnly}
              selection={selection} onSelect={onSelect} onNotice={setNotice} lockedKinds={lockedKinds}
              voteCounts={workshop.voteCounts} onMove={follow.onMove} />
          )}
          {view === 'outline' && <Outline session={session} plan={plan} readOnly={readOnly} onFocusNode={focusNode} />}
          {view === 'matrix' && <CoverageMatrix plan={plan} check={check} onShowPath={showPath} />}
          {view === 'followup' && <FollowUpView session={session} plan={plan} readOnly={readOnly} />}
        </main>
        <aside className="side" aria-label={t('Egenskaber og tjek', 'Properties and check')}>
          <Inspector session={session} plan={plan} node={selectedNode} edge={edge}
            readOnly={readOnly || (selectedNode !== undefined && lockedKinds.has(selectedNode.kind))} />
          {(selectedNode || edge) && (
            <TargetWorkshop session={session} workshop={workshop} target={(selectedNode?.id ?? edge?.id)!} readOnly={session.role === 'viewer'} name={session.localOrigin.user} />
          )}
          <FindingsPanel check={check} planForEnglish={lang === 'en' ? plan : undefined} onFocusNode={focusNode} />
          <details className="versions-panel" open={session.role !== 'viewer'}>
            <summary><h2>{t('Idéer først', 'Ideas first')}</h2></summary>
            <Ideas session={session} readOnly={readOnly} onNotice={setNotice} />
          </details>
          <details className="versions-panel">
            <summary><h2>{t('Versioner', 'Versions')}</h2></summary>
            <Versions session={session} name={session.localOrigin.user} onNotice={setNotice} />
          </details>
          <h2>{t('Eksport og import', 'Export and import')}</h2>
          <ExportMenu session={session} readOnly={readOnly} onNotice={setNotice} />
        </aside>
      </div>
    </div>
  );
}
