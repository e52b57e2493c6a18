/**
 * The projector: the plan, or the facilitator's focus area, drawn for a wall (ProjectorMap: cards in columns and
 * lanes, arrows, scaled to fill the screen), with no editing chrome; the timer, the voting state and the join code
 * large. It follows the facilitator's focus area (shared in awareness, see focus.ts) and marks the cards they have
 * selected. Opened by the facilitator with the viewer link and `visning=projektor`.
 */
import { useMemo } from 'react';
import { timerRemaining } from '../../model/workshop.ts';
import { focusAreaPlan } from '../../model/layout.ts';
import type { PlanFile } from '../../model/schema.ts';
import type { PlanSession } from '../connection.ts';
import { countOf, useI18n } from '../i18n.tsx';
import { spacedCode } from '../InviteDialog.tsx';
import { useServerClockOffset, useTick, type WorkshopState } from '../workshop/useWorkshop.ts';
import { mmss } from '../workshop/WorkshopBar.tsx';
import { useFacilitatorFocus } from './focus.ts';
import { ProjectorMap } from './ProjectorMap.tsx';

/** The join code handed over in the address's fragment (never sent to the server): #kode=ABC123 */
function joinCodeFromHash(): string | null {
  const code = new URLSearchParams(window.location.hash.slice(1)).get('kode');
  return code && /^[A-Z0-9]{6}$/.test(code) ? code : null;
}

export function ProjectorView({ session, plan, workshop }: { session: PlanSession; plan: PlanFile; workshop: WorkshopState }) {
  const { t } = useI18n();
  const focus = useFacilitatorFocus(session);
  const offset = useServerClockOffset();
  const now = useTick(workshop.timer.state === 'running') + offset;
  const remaining = timerRemaining(workshop.timer, now);
  const code = useMemo(joinCodeFromHash, []);
  const areaTitle = plan.focusAreas?.find((a) => a.id === focus.area)?.title;
  const shown = useMemo(() => (focus.area ? focusAreaPlan(plan, focus.area) : plan), [plan, focus.area]);
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
      <main className="projector-canvas">
        {shown.nodes.length === 0 ? (
          <p className="projector-empty muted">{focus.area ? t('Ingen kort i indsatsområdet endnu.', 'No cards in the focus area yet.') : t('Planen har ingen kort endnu.', 'The plan has no cards yet.')}</p>
        ) : (
          <ProjectorMap plan={shown} voteCounts={workshop.voteCounts} showVotes={workshop.voting.open || workshop.votes.size > 0} highlighted={focus.selection} />
        )}
      </main>
    </div>
  );
}
