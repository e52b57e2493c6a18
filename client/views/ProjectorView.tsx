/**
 * The projector: the canvas, or the facilitator's focus area as large cards, full screen; no editing chrome; the
 * timer, the voting state and the join code large. It follows the facilitator (follow-me on the canvas, their
 * focus area for the cards). Opened by the facilitator with the viewer link and `visning=projektor`.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { timerRemaining } from '../../model/workshop.ts';
import { LANE_PADDING } from '../../model/layout.ts';
import type { PlanFile } from '../../model/schema.ts';
import { Canvas } from '../Canvas.tsx';
import type { PlanSession } from '../connection.ts';
import { countOf, useI18n } from '../i18n.tsx';
import { spacedCode } from '../InviteDialog.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from '../kinds.ts';
import { useServerClockOffset, useTick, type WorkshopState } from '../workshop/useWorkshop.ts';
import { mmss, useFollowMe } from '../workshop/WorkshopBar.tsx';
import { useFacilitatorFocus } from './focus.ts';
import { nodesInFocus, ReadableCard } from './ReadableCards.tsx';

const NO_FINDINGS = new Map();
const NO_KINDS = new Set<string>();
const noop = () => undefined;
const NO_SELECTION: string[] = [];
/**
 * The projector fills the wall with the cards: a small plan's cards are shown large (up to 250 %), where the
 * editor stops at 120 %. A first workshop's five cards, one per column, print their 17 px type at about 28 px.
 */
const PROJECTOR_FIT = { padding: 0.1, maxZoom: 2.5 };

/** The join code handed over in the address's fragment (never sent to the server): #kode=ABC123 */
function joinCodeFromHash(): string | null {
  const code = new URLSearchParams(window.location.hash.slice(1)).get('kode');
  return code && /^[A-Z0-9]{6}$/.test(code) ? code : null;
}

export function ProjectorView({ session, plan, workshop }: { session: PlanSession; plan: PlanFile; workshop: WorkshopState }) {
  const { t } = useI18n();
  const focus = useFacilitatorFocus(session);
  const follow = useFollowMe(session);
  const offset = useServerClockOffset();
  const now = useTick(workshop.timer.state === 'running') + offset;
  const remaining = timerRemaining(workshop.timer, now);
  const code = useMemo(joinCodeFromHash, []);
  const areaTitle = plan.focusAreas?.find((a) => a.id === focus.area)?.title;
  const cards = useMemo(() => nodesInFocus(plan, focus.area), [plan, focus.area]);
  useRefitOnNewCards(plan, !focus.area && !follow.followingLeader);
  return (
    <div className="projector" data-testid="projector-view">
      <header className="projector-top">
        <h1>{plan.plan.title}{areaTitle && <span className="projector-area" data-testid="projector-area"> · {areaTitle}</span>}</h1>
        {workshop.voting.open && (
          <p className="projector-voting" data-testid="projector-voting">{t(`Afstemning er åben · ${countOf(workshop.voting.budget, 'stemme', 'stemmer')} pr. person`, `Voting is open · ${countOf(workshop.voting.budget, 'dot', 'dots', 'en')} each`)}</p>
        )}
        {(workshop.timer.state !== 'stopped' || remaining > 0) && (
          <p className={`projector-timer timer-${workshop.timer.state}${remaining === 0 ? ' timer-done' : ''}`} role="timer" data-testid="projector-timer">{mmss(remaining)}</p>
        )}
        {code && <p className="projector-code">{window.location.host}/j <strong data-testid="projector-code">{spacedCode(code)}</strong></p>}
      </header>
      {focus.area ? (
        <ul className="projector-cards">
          {NODE_KIND_ORDER.map((kind) => {
            const ofKind = cards.filter((n) => n.kind === kind);
            if (ofKind.length === 0) return null;
            return (
              <li key={kind} className="projector-column" aria-label={t(KIND_LOOKS[kind].da, KIND_LOOKS[kind].en)}>
                <ul className="readable-list">
                  {ofKind.map((node) => <ReadableCard key={node.id} node={node} votes={workshop.voting.open || workshop.votes.size > 0 ? workshop.voteCounts.get(node.id) : undefined} highlighted={focus.selection.includes(node.id)} />)}
                </ul>
              </li>
            );
          })}
          {cards.length === 0 && <li className="muted">{t('Ingen kort i indsatsområdet endnu.', 'No cards in the focus area yet.')}</li>}
        </ul>
      ) : (
        <main className="projector-canvas">
          <Canvas session={session} plan={plan} byNode={NO_FINDINGS} peers={[]} readOnly selection={NO_SELECTION}
            onSelect={noop} onNotice={noop} lockedKinds={NO_KINDS} voteCounts={workshop.voteCounts} onMove={follow.onMove} fitOptions={PROJECTOR_FIT} />
        </main>
      )}
    </div>
  );
}

/** Cards added, removed or moved during the workshop: the projector fits them all again (unless it follows the facilitator's view). */
function useRefitOnNewCards(plan: PlanFile, active: boolean): void {
  const flow = useReactFlow();
  const layoutKey = plan.nodes.map((n) => `${n.id}@${Math.round(n.position?.x ?? 0)},${Math.round(n.position?.y ?? 0)}`).join(' ');
  useEffect(() => {
    if (!active) return;
    // after React Flow has measured the new cards, and once a drag has come to rest; the lanes' bands and names
    // around the cards are in the picture too (model/layout.ts LANE_PADDING)
    const timer = setTimeout(() => {
      const cards = flow.getNodesBounds(flow.getNodes());
      if (cards.width === 0) return;
      const bounds = { x: cards.x - LANE_PADDING.side, y: cards.y - LANE_PADDING.top, width: cards.width + 2 * LANE_PADDING.side, height: cards.height + LANE_PADDING.top + LANE_PADDING.bottom };
      void flow.fitBounds(bounds, { padding: 0.03, duration: 300 });
    }, 150);
    return () => clearTimeout(timer);
  }, [active, flow, layoutKey]);
}
