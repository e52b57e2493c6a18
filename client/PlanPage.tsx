/** The page a workshop works in: canvas, panels, toolbar, presence. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeKind, PlanFile } from '../model/schema.ts';
import { Canvas } from './Canvas.tsx';
import { useLiveSelection } from './canvas/selection.ts';
import { useAddCard } from './canvas/useAddCard.ts';
import { openSession, type PlanSession } from './connection.ts';
import { useCheck, usePeers, usePlan } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { KIND_LOOKS } from './kinds.ts';
import { layoutDoc } from './layoutClient.ts';
import { CoverageMatrix, Outline } from './Panels.tsx';
import { FollowUpView } from './followup/FollowUpView.tsx';
import { useFollowUpYearDefault } from './followup/year.ts';
import { Palette } from './Palette.tsx';
import { useShortcuts } from './shortcuts.ts';
import { SidePanel } from './SidePanel.tsx';
import { PlanInfoPanel } from './PlanInfoPanel.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { announce, focusSoon, LiveRegion, titleFieldOf } from './announce.tsx';
import { checkSummary } from './checkSummary.ts';
import type { LiveCheck } from './hooks.ts';
import { rememberPlan } from './myPlans.ts';
import { Topbar, type View } from './Topbar.tsx';
import { useShareFocus } from './views/focus.ts';
import { PhoneView } from './views/PhoneView.tsx';
import { ProjectorView } from './views/ProjectorView.tsx';
import { newNodeTitleDa } from '../model/grammar.ts';
import { useFollowMe } from './workshop/WorkshopBar.tsx';
import { useWorkshop, type WorkshopState } from './workshop/useWorkshop.ts';

export function PlanPage({ planId, token, name, onChangeName }: { planId: string; token: string; name: string; onChangeName: () => void }) {
  const [session, setSession] = useState<PlanSession | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    const opened = openSession(planId, token, name, (reason) => setRefused(reason));
    setSession(opened);
    // the doc for browser tests and for debugging in development; never in a user's browser
    if (import.meta.env.DEV || navigator.webdriver) {
      (window as unknown as { __fk?: unknown }).__fk = { doc: opened.doc, provider: opened.provider, awareness: opened.provider.awareness, session: opened };
    }
    return () => opened.destroy();
  }, [planId, token, name]);
  if (!session) return null;
  return (
    <ReactFlowProvider>
      {refused && <RefusedBanner reason={refused} session={session} />}
      <PlanViews session={session} onChangeName={onChangeName} />
    </ReactFlowProvider>
  );
}

const PHONE_QUERY = '(max-width: 700px)';

function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

/** Which view this person gets: the projector (asked for in the link), a phone (narrow; the facilitator's phone also runs the room), or the workspace. */
function PlanViews({ session, onChangeName }: { session: PlanSession; onChangeName: () => void }) {
  const plan = usePlan(session);
  const workshop = useWorkshop(session);
  const narrow = useNarrowScreen();
  const projector = new URLSearchParams(window.location.search).get('visning') === 'projektor';
  useFollowUpYearDefault(plan.plan.period);
  useEffect(() => {
    // the projector window is the facilitator's own screen, not a plan of its own in "Mine planer"
    if (!plan.plan.title || projector) return;
    rememberPlan({ planId: session.planId, token: session.token, role: session.role, title: plan.plan.title });
  }, [plan.plan.title, projector, session]);
  useEffect(() => {
    document.title = plan.plan.title ? `${plan.plan.title} · Forandringskort` : 'Forandringskort';
  }, [plan.plan.title]);
  if (projector) return <ProjectorView session={session} plan={plan} workshop={workshop} />;
  const readOnly = session.role === 'viewer' || (session.role === 'participant' && workshop.locks.all);
  if (narrow) return <PhoneView session={session} plan={plan} workshop={workshop} readOnly={readOnly} onChangeName={onChangeName} />;
  return <Workspace session={session} plan={plan} workshop={workshop} onChangeName={onChangeName} />;
}

/**
 * ?kort=<id> (a portfolio's red activity links here): once the plan holds that card, it is selected (the side panel
 * opens it) and the canvas centres on it; once only, so the person can move on.
 */
function useCardFromLink(plan: PlanFile, setSelection: (ids: string[]) => void, flow: ReturnType<typeof useReactFlow>): void {
  const wanted = useRef(new URLSearchParams(window.location.search).get('kort'));
  const present = wanted.current !== null && plan.nodes.some((n) => n.id === wanted.current);
  useEffect(() => {
    if (!present || !wanted.current) return;
    const id = wanted.current;
    wanted.current = null;
    setSelection([id]);
    // after React Flow measured the card
    requestAnimationFrame(() => void flow.fitView({ nodes: [{ id }], maxZoom: 1.2, duration: 0 }));
  }, [present, setSelection, flow]);
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

function Workspace({ session, plan, workshop, onChangeName }: { session: PlanSession; plan: PlanFile; workshop: WorkshopState; onChangeName: () => void }) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const check = useCheck(plan);
  const peers = usePeers(session);
  const follow = useFollowMe(session);
  const isParticipant = session.role === 'participant';
  // a viewer never writes; a participant not while the facilitator has locked the whole plan
  const readOnly = session.role === 'viewer' || (isParticipant && workshop.locks.all);
  const lockedKinds = useMemo(() => new Set<string>(isParticipant ? workshop.locks.kinds : []), [isParticipant, workshop.locks.kinds]);
  const [view, setView] = useState<View>('canvas');
  const [rawSelection, setSelection] = useState<string[]>([]);
  const selection = useLiveSelection(rawSelection, plan, setSelection);
  useCardFromLink(plan, setSelection, flow);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [presenting, setPresenting] = useState(false);
  const [focusArea, setFocusArea] = useState<string>('');
  const [planPanel, setPlanPanel] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [helping, setHelping] = useState(false);
  useShareFocus(session, focusArea);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    document.body.classList.toggle('presenting', presenting);
    if (!presenting) return;
    // the palette closes and the type grows: the whole plan is fitted into what is left, and again when the
    // window changes size (a projector connected, the window moved to the wall)
    let timer = setTimeout(() => void flow.fitView({ padding: 0.05, duration: 300, maxZoom: 2 }), 80);
    const refit = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void flow.fitView({ padding: 0.05, duration: 200, maxZoom: 2 }), 150);
    };
    window.addEventListener('resize', refit);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', refit);
    };
  }, [presenting, flow]);

  // A click on a line while a card is selected deselects the card too, and React Flow may report that after the
  // line's selection: an emptied card selection alone must not drop the line. Cards chosen, or null, do.
  const onSelect = useCallback((ids: string[], edgeId?: string | null) => {
    setSelection(ids);
    if (edgeId !== undefined) setSelectedEdge(edgeId);
    else if (ids.length > 0) setSelectedEdge(null);
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

  // a link from the check's list: shown on the map between its cards and opened in the inspector. The edges are
  // read through a ref so that the callback stays the same while cards move (the check panel is memoised on it).
  const edgesRef = useRef(plan.edges);
  edgesRef.current = plan.edges;
  const focusEdge = useCallback(
    (edgeIndex: number) => {
      const target = edgesRef.current[edgeIndex];
      if (!target?.id) return;
      setView('canvas');
      setSelection([]);
      setSelectedEdge(target.id);
      const ends = [flow.getNode(target.from), flow.getNode(target.to)].filter((n) => n !== undefined);
      if (ends.length > 0) setTimeout(() => void flow.fitView({ nodes: ends.map((n) => ({ id: n.id })), duration: 400, padding: 0.4, maxZoom: 1 }), 50);
      focusSoon('[data-testid="inspector-rationale"]');
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
      const id = addCard(kind, t(newNodeTitleDa(kind), `New ${KIND_LOOKS[kind].en.toLowerCase()}`), focusArea || undefined);
      setSelection([id]);
      setSelectedEdge(null);
      // Disposition stays Disposition (the new card is listed there); the other views show it on the map
      setView((current) => (current === 'outline' ? current : 'canvas'));
      // the focus goes to the new card's title, selected, so typing names it and Enter goes back to the card
      focusSoon(titleFieldOf(id), true);
      announce(t(`${KIND_LOOKS[kind].da} tilføjet. Skriv titlen og tryk Enter.`, `${KIND_LOOKS[kind].en} added. Type its title and press Enter.`));
    },
    [addCard, focusArea, lockedKinds, readOnly, t],
  );

  const undo = useCallback(() => {
    if (!session.undoManager.canUndo()) return announce(t('Intet at fortryde.', 'Nothing to undo.'));
    session.undoManager.undo();
    announce(t('Fortrudt.', 'Undone.'));
  }, [session, t]);
  const redo = useCallback(() => {
    if (!session.undoManager.canRedo()) return announce(t('Intet at gentage.', 'Nothing to redo.'));
    session.undoManager.redo();
    announce(t('Gentaget.', 'Redone.'));
  }, [session, t]);
  const help = useCallback(() => setHelping(true), []);

  useShortcuts(addKind, undo, redo, help);
  useCheckAnnouncement(check);

  const layout = useCallback(async () => {
    session.undoManager.stopCapturing();
    // one transaction, one undo step; every screen (this one too) fits its view when it arrives (useLayoutArrival)
    await layoutDoc(session.doc, session.localOrigin);
    session.undoManager.stopCapturing();
  }, [session]);

  const selectedNode = useMemo(() => (selection.length === 1 ? plan.nodes.find((n) => n.id === selection[0]) : undefined), [plan.nodes, selection]);
  const edge = useMemo(() => (selectedEdge ? plan.edges.find((e) => e.id === selectedEdge) : undefined), [plan.edges, selectedEdge]);

  return (
    <div className={`workspace${presenting ? ' presenting' : ''}`}>
      <Topbar session={session} plan={plan} workshop={workshop} followControls={follow.controls} summonControl={follow.summon} view={view} onView={setView}
        presenting={presenting} onPresenting={() => setPresenting((p) => !p)}
        onPlanPanel={() => setPlanPanel((open) => !open)} onInvite={() => setInviting(true)} onHelp={help} onChangeName={onChangeName} />
      {inviting && <InviteDialog session={session} onClose={() => setInviting(false)} />}
      {helping && <HelpDialog onClose={() => setHelping(false)} />}
      <LiveRegion />
      {notice && (
        <div className="banner" role="alert" data-testid="notice">
          {notice}
        </div>
      )}
      <div className="body">
        {session.role !== 'viewer' && (
          <Palette plan={plan} readOnly={readOnly} lockedKinds={lockedKinds} focusArea={focusArea} onFocusArea={setFocusArea}
            onAdd={addKind} onUndo={undo} onRedo={redo} onLayout={() => void layout()} />
        )}
        <main className="main" aria-label={t('Forandringsteori', 'Theory of change')}>
          {planPanel && <PlanInfoPanel session={session} plan={plan} readOnly={readOnly} onClose={() => setPlanPanel(false)} />}
          {plan.nodes.length === 0 && !readOnly && view === 'canvas' && (
            <div className="empty-hint" data-testid="empty-hint">
              <p>{t('Planen er tom.', 'The plan is empty.')}</p>
              <p><button type="button" className="link" onClick={() => setPlanPanel(true)}>{t('Beskriv planen og dens indsatsområder', 'Describe the plan and its focus areas')}</button>{t(', og tilføj den første aktivitet fra kolonnen til venstre (eller tast 1).', ', and add the first activity from the column on the left (or press 1).')}</p>
            </div>
          )}
          {view === 'canvas' && (
            <Canvas session={session} plan={plan} byNode={check.byNode} peers={peers} readOnly={readOnly}
              selection={selection} onSelect={onSelect} onNotice={setNotice} lockedKinds={lockedKinds}
              voteCounts={workshop.voteCounts} onMove={follow.onMove} />
          )}
          {view === 'outline' && <Outline session={session} plan={plan} readOnly={readOnly} onFocusNode={focusNode} />}
          {view === 'matrix' && <CoverageMatrix plan={plan} check={check} onShowPath={showPath} />}
          {view === 'followup' && <FollowUpView session={session} plan={plan} readOnly={readOnly} />}
        </main>
        <SidePanel session={session} plan={plan} workshop={workshop} check={check} node={selectedNode} edge={edge} readOnly={readOnly}
          lockedKinds={lockedKinds} onFocusNode={focusNode} onFocusEdge={focusEdge} onNotice={setNotice} />
      </div>
    </div>
  );
}

/** After an edit, the live region says what the check finds now, when that changed (not when the plan opens). */
function useCheckAnnouncement(check: LiveCheck) {
  const { lang } = useI18n();
  const summary = useMemo(() => checkSummary(check, lang), [check, lang]);
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = summary;
    if (before === null || before === summary) return;
    const timer = setTimeout(() => announce(summary), 1500);
    return () => clearTimeout(timer);
  }, [summary]);
}
