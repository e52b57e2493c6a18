/**
 * The facilitator's controls and what everyone sees of them: timer, locks, voting, follow-me, versions.
 * Comments and dots on the selected node or edge are in <TargetWorkshop/> in the side panel.
 */
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanDiff } from '../../model/diff.ts';
import { versionLabel, type VersionInfo } from '../../model/protocol.ts';
import { NODE_KINDS, type NodeKind, type PlanFile } from '../../model/schema.ts';
import {
  addComment, castVote, clearVotes, pauseTimer, resetTimer, resolveComment, setLocks, setVoting, startTimer, timerRemaining,
} from '../../model/workshop.ts';
import { newId, replacePlan } from '../../model/ydoc.ts';
import { saveVersionBeforeReplace, type PlanSession } from '../connection.ts';
import { throttle } from '../hooks.ts';
import { countOf, formatDateTime, useI18n } from '../i18n.tsx';
import { KIND_LOOKS } from '../kinds.ts';
import { useIdentity, useServerClockOffset, useTick, type WorkshopState } from './useWorkshop.ts';

export function mmss(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The facilitator's workshop actions, from the shared model's functions (model/workshop.ts), for every view that offers them. */
function useWorkshopActions(session: PlanSession, workshop: WorkshopState) {
  const offset = useServerClockOffset();
  const origin = session.localOrigin;
  const { locks, voting } = workshop;
  return {
    offset,
    start: () => startTimer(session.doc, Date.now() + offset, origin),
    pause: () => pauseTimer(session.doc, Date.now() + offset, origin),
    reset: (minutes: number) => resetTimer(session.doc, minutes * 60_000, origin),
    lockAll: () => setLocks(session.doc, { all: !locks.all, kinds: locks.kinds }, origin),
    toggleKind: (kind: NodeKind) =>
      setLocks(session.doc, { all: locks.all, kinds: locks.kinds.includes(kind) ? locks.kinds.filter((k) => k !== kind) : [...locks.kinds, kind] }, origin),
    toggleVoting: () => setVoting(session.doc, { ...voting, open: !voting.open }, origin),
    budget: (budget: number) => setVoting(session.doc, { ...voting, budget }, origin),
    clearVotes: () => clearVotes(session.doc, origin),
  };
}

/** The timer as everyone sees it, and for the facilitator start/pause. */
export function TimerControls({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  const now = useTick(workshop.timer.state === 'running') + actions.offset;
  const remaining = timerRemaining(workshop.timer, now);
  return (
    <span className="timer-group">
      <span className={`timer timer-${workshop.timer.state}${remaining === 0 ? ' timer-done' : ''}`} role="timer" aria-live="off" data-testid="timer" title={t('Timer', 'Timer')}>
        <span className="sr-only">{t('Tid', 'Time')} </span>{mmss(remaining)}
      </span>
      {session.role === 'facilitator' && (workshop.timer.state === 'running' ? (
        <button type="button" onClick={actions.pause} data-testid="timer-pause" title={t('Sæt timeren på pause', 'Pause the timer')}>{t('Pause', 'Pause')}</button>
      ) : (
        <button type="button" onClick={actions.start} data-testid="timer-start" title={t('Start timeren', 'Start the timer')}>{t('Start', 'Start')}</button>
      ))}
    </span>
  );
}

/** The timer's length: pick minutes, then reset the timer to them. */
export function TimerSettings({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  const [minutes, setMinutes] = useState(10);
  return (
    <span className="row">
      <select aria-label={t('Minutter', 'Minutes')} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="timer-minutes">
        {[1, 2, 3, 5, 10, 15, 20, 30, 45].map((m) => <option key={m} value={m}>{m} min</option>)}
      </select>
      <button type="button" onClick={() => actions.reset(minutes)} data-testid="timer-reset" title={t('Stil timeren på de valgte minutter', 'Set the timer to the chosen minutes')}>{t('Nulstil', 'Reset')}</button>
    </span>
  );
}

export function LockAllButton({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  const locked = workshop.locks.all;
  return (
    <button type="button" aria-pressed={locked} onClick={actions.lockAll} data-testid="lock-all"
      title={locked ? t('Planen er låst for deltagerne. Klik for at låse op.', 'The plan is locked for participants. Click to unlock.') : t('Lås hele planen for deltagerne', 'Lock the whole plan for participants')}>
      {locked ? t('Låst', 'Locked') : t('Lås alt', 'Lock all')}
    </button>
  );
}

/** Lock single kinds of card (checkboxes). */
export function LockKinds({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  return (
    <fieldset className="lock-kinds">
      <legend>{t('Lås slags kort', 'Lock kinds of card')}{workshop.locks.kinds.length > 0 ? ` (${workshop.locks.kinds.length})` : ''}</legend>
      {NODE_KINDS.map((kind) => (
        <label key={kind}>
          <input type="checkbox" checked={workshop.locks.kinds.includes(kind)} onChange={() => actions.toggleKind(kind)} data-testid={`lock-${kind}`} /> {t(KIND_LOOKS[kind].da, KIND_LOOKS[kind].en)}
        </label>
      ))}
    </fieldset>
  );
}

/** `compact`: the top bar's short label; the accessible name is always the full action. */
export function VotingToggle({ session, workshop, compact = false }: { session: PlanSession; workshop: WorkshopState; compact?: boolean }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  const open = workshop.voting.open;
  return (
    <button type="button" aria-pressed={open} onClick={actions.toggleVoting} data-testid="voting-toggle" className={compact ? 'voting-toggle' : undefined}
      aria-label={open ? t('Luk afstemning', 'Close voting') : t('Åbn afstemning', 'Open voting')}
      title={open ? t('Afstemningen er åben. Klik for at lukke den.', 'Voting is open. Click to close it.') : t('Åbn afstemningen: deltagerne kan give stemmer på kortene', 'Open voting: participants can put dots on the cards')}>
      {compact ? (open ? t('Afstemning åben', 'Voting open') : t('Afstemning', 'Voting')) : open ? t('Luk afstemning', 'Close voting') : t('Åbn afstemning', 'Open voting')}
    </button>
  );
}

/** Dots per person, and clearing the dots once voting is closed. */
export function VotingSettings({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const actions = useWorkshopActions(session, workshop);
  return (
    <span className="row">
      <select aria-label={t('Stemmer pr. person', 'Dots per person')} value={workshop.voting.budget} onChange={(e) => actions.budget(Number(e.target.value))} data-testid="voting-budget">
        {[1, 2, 3, 4, 5, 7, 10].map((n) => <option key={n} value={n}>{t(`${countOf(n, 'stemme', 'stemmer')} pr. person`, `${countOf(n, 'dot', 'dots', 'en')} each`)}</option>)}
      </select>
      {!workshop.voting.open && workshop.votes.size > 0 && (
        <button type="button" onClick={actions.clearVotes}>{t('Nulstil stemmer', 'Clear dots')}</button>
      )}
    </span>
  );
}

/** What a participant or viewer is told of the facilitator's state: locks and open voting. */
export function WorkshopTags({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const { locks, voting } = workshop;
  if (session.role === 'facilitator') return null;
  return (
    <>
      {(locks.all || locks.kinds.length > 0) && (
        <span className="tag tag-readonly" data-testid="lock-banner">
          {locks.all ? t('Facilitatoren har låst planen', 'The facilitator has locked the plan') : t(`Låst: ${locks.kinds.map((k) => KIND_LOOKS[k].da).join(', ')}`, `Locked: ${locks.kinds.map((k) => KIND_LOOKS[k].en).join(', ')}`)}
        </span>
      )}
      {voting.open && <span className="tag tag-vote" data-testid="voting-open">{t('Afstemning er åben', 'Voting is open')}</span>}
    </>
  );
}

/** Everything at once, wrapping (the phone's header): the timer and, for the facilitator, every control. */
export function WorkshopBar({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const facilitator = session.role === 'facilitator';
  return (
    <div className="workshop-bar" data-testid="workshop-bar">
      <TimerControls session={session} workshop={workshop} />
      {facilitator && (
        <>
          <TimerSettings session={session} workshop={workshop} />
          <VotingToggle session={session} workshop={workshop} />
          <VotingSettings session={session} workshop={workshop} />
          <LockAllButton session={session} workshop={workshop} />
          <LockKinds session={session} workshop={workshop} />
        </>
      )}
      <WorkshopTags session={session} workshop={workshop} />
    </div>
  );
}

/** Follow-me: the facilitator shares the viewport; the others follow until they move on their own. */
export function useFollowMe(session: PlanSession) {
  const flow = useReactFlow();
  const { t } = useI18n();
  const facilitator = session.role === 'facilitator';
  const [leading, setLeading] = useState(false);
  const [following, setFollowing] = useState(true);
  const [leaderName, setLeaderName] = useState<string | null>(null);
  const lastSummon = useRef(0);
  const awareness = session.provider.awareness;

  const share = useRef(throttle((viewport: Viewport) => awareness.setLocalStateField('viewport', viewport), 50)).current;

  useEffect(() => {
    if (facilitator) awareness.setLocalStateField('followMe', leading);
    if (facilitator && leading) share(flow.getViewport());
  }, [awareness, facilitator, flow, leading, share]);

  useEffect(() => {
    if (facilitator) return;
    const onChange = () => {
      let leader: { viewport?: Viewport; summon?: number; name?: string } | null = null;
      awareness.getStates().forEach((state) => {
        const user = state.user as { role?: string; name?: string } | undefined;
        if (user?.role === 'facilitator' && state.followMe) leader = { viewport: state.viewport as Viewport, summon: state.summon as number, name: user.name };
      });
      const found = leader as { viewport?: Viewport; summon?: number; name?: string } | null;
      setLeaderName(found?.name ?? null);
      if (!found) return;
      if (found.summon && found.summon !== lastSummon.current) {
        lastSummon.current = found.summon;
        setFollowing(true);
        if (found.viewport) void flow.setViewport(found.viewport, { duration: 300 });
        return;
      }
      setFollowing((now) => {
        if (now && found.viewport) void flow.setViewport(found.viewport);
        return now;
      });
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, facilitator, flow]);

  /** Canvas movement: the leader shares it; a follower who moves by hand stops following. */
  const onMove = useCallback(
    (userInitiated: boolean, viewport: Viewport) => {
      if (facilitator && leading) share(viewport);
      if (!facilitator && userInitiated && leaderName) setFollowing(false);
    },
    [facilitator, leaderName, leading, share],
  );

  const controls = facilitator ? (
    <button type="button" aria-pressed={leading} onClick={() => setLeading((l) => !l)} data-testid="follow-me"
      title={t('Del din visning af kortet: de andre følger med, til de selv flytter kortet', 'Share your view of the map: the others follow until they move it themselves')}>{t('Følg mig', 'Follow me')}</button>
  ) : leaderName ? (
    following ? <span className="tag tag-follow" data-testid="following">{t(`Følger ${leaderName}`, `Following ${leaderName}`)}</span>
      : <button type="button" onClick={() => setFollowing(true)} data-testid="follow-again">{t(`Følg ${leaderName} igen`, `Follow ${leaderName} again`)}</button>
  ) : null;
  /** the rarer one, for the facilitator's "Mere" menu */
  const summon = facilitator ? (
    <button type="button" onClick={() => {
      setLeading(true);
      awareness.setLocalStateField('viewport', flow.getViewport());
      awareness.setLocalStateField('summon', Date.now());
    }} data-testid="summon">{t('Hent alle hertil', 'Bring everyone here')}</button>
  ) : null;
  /** true while this screen follows a facilitator who shares their view */
  const followingLeader = !facilitator && leaderName !== null && following;
  return { onMove, controls, summon, followingLeader };
}

/** Dots and comments on the selected node or edge. */
export function TargetWorkshop({ session, workshop, target, readOnly, name }: { session: PlanSession; workshop: WorkshopState; target: string; readOnly: boolean; name: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  // dots and comments are the person's the server issued, not the name's (the name is only a label)
  const me = useIdentity(session)?.personId;
  const mine = (me && workshop.votes.get(me)) || [];
  const myDotsHere = mine.filter((id) => id === target).length;
  const left = workshop.voting.budget - mine.length;
  const comments = workshop.comments.filter((c) => c.target === target);
  return (
    <section className="target-workshop" aria-label={t('Stemmer og kommentarer', 'Dots and comments')}>
      <p className="votes" data-testid="vote-count">{t(countOf(workshop.voteCounts.get(target) ?? 0, 'stemme', 'stemmer'), countOf(workshop.voteCounts.get(target) ?? 0, 'dot', 'dots', 'en'))}</p>
      {workshop.voting.open && !readOnly && (
        <div className="vote-buttons">
          <button type="button" disabled={left <= 0 || !me} onClick={() => me && castVote(session.doc, me, target, 1, session.localOrigin)} data-testid="vote">
            ● {t(`Giv en stemme (${left} tilbage)`, `Add a dot (${left} left)`)}
          </button>
          {myDotsHere > 0 && <button type="button" onClick={() => me && castVote(session.doc, me, target, -1, session.localOrigin)} data-testid="unvote">{t('Tag en stemme tilbage', 'Take a dot back')}</button>}
        </div>
      )}
      <h3>{t('Kommentarer', 'Comments')}</h3>
      <ul className="comments" data-testid="comments">
        {comments.map((c) => (
          <li key={c.id} className={c.resolved ? 'resolved' : undefined}>
            <strong>{c.author}</strong> <span className="muted">{formatDateTime(c.createdAt)}</span>
            <p>{c.text}</p>
            {!readOnly && (
              <button type="button" className="link" onClick={() => resolveComment(session.doc, c.id, !c.resolved, session.localOrigin)} data-testid="resolve-comment">
                {c.resolved ? t('Genåbn', 'Reopen') : t('Løst', 'Resolve')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() || !me) return;
          addComment(session.doc, { id: newId('c'), target, author: name, authorId: me, text: text.trim().slice(0, 2000), createdAt: new Date().toISOString(), resolved: false }, session.localOrigin);
          setText('');
        }}>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} aria-label={t('Ny kommentar', 'New comment')} placeholder={t('Skriv en kommentar …', 'Write a comment …')} data-testid="comment-text" />
          <button type="submit" data-testid="comment-add">{t('Kommentér', 'Comment')}</button>
        </form>
      )}
    </section>
  );
}

/** Named versions: save, list, look at one, see what changed since, restore (one undoable step). */
export function Versions({ session, name, onNotice }: { session: PlanSession; name: string; onNotice: (m: string) => void }) {
  const { t, lang } = useI18n();
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [label, setLabel] = useState('');
  const [shown, setShown] = useState<{ info: VersionInfo; plan: PlanFile; diff: PlanDiff } | null>(null);
  const base = `/api/plans/${session.planId}/versions`;
  const auth = `token=${encodeURIComponent(session.token)}`;
  const load = useCallback(async () => {
    const res = await fetch(`${base}?${auth}`);
    if (res.ok) setVersions(((await res.json()) as { versions: VersionInfo[] }).versions);
  }, [auth, base]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    const res = await fetch(`${base}?${auth}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: label, author: name }) });
    if (!res.ok) return onNotice(((await res.json()) as { error: string }).error);
    setLabel('');
    await load();
  };
  const open = async (info: VersionInfo) => {
    const [plan, diff] = await Promise.all([
      fetch(`${base}/${info.id}?${auth}`).then((r) => r.json() as Promise<PlanFile>),
      fetch(`${base}/${info.id}/diff?against=current&${auth}`).then((r) => r.json() as Promise<PlanDiff>),
    ]);
    setShown({ info, plan, diff });
  };
  const restore = async () => {
    if (!shown) return;
    await saveVersionBeforeReplace(session, 'restore');
    session.undoManager.stopCapturing();
    replacePlan(session.doc, shown.plan, session.localOrigin);
    session.undoManager.stopCapturing();
    onNotice(t(`Versionen "${shown.info.name}" er genskabt. Fortryd (Ctrl+Z) går tilbage.`, `Version "${shown.info.name}" restored. Undo (Ctrl+Z) goes back.`));
    setShown(null);
    await load(); // the automatic version saved before the restore shows in the list
  };
  const facilitator = session.role === 'facilitator';
  return (
    <section className="versions" data-testid="versions">
      {facilitator && (
        <form onSubmit={(e) => { e.preventDefault(); if (label.trim()) void save(); }}>
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('fx Efter workshop 1', 'e.g. After workshop 1')} aria-label={t('Versionens navn', 'Version name')} data-testid="version-name" maxLength={120} />
          <button type="submit" data-testid="version-save">{t('Gem version', 'Save version')}</button>
        </form>
      )}
      <ul>
        {versions.map((v) => (
          <li key={v.id}>
            <button type="button" className="link" onClick={() => void open(v)} data-testid="version-open">{versionLabel(v, lang).name}</button>{' '}
            <span className="muted">{formatDateTime(v.createdAt)} · {versionLabel(v, lang).by}</span>
          </li>
        ))}
      </ul>
      {shown && (
        <div className="version-view" data-testid="version-view" role="region" aria-label={shown.info.name}>
          <h3>{t(`Siden "${shown.info.name}"`, `Since "${shown.info.name}"`)}</h3>
          <DiffList diff={shown.diff} />
          <p className="muted">{t(`Versionen har ${countOf(shown.plan.nodes.length, 'kort', 'kort')} og ${connections(shown.plan.edges.length, 'da')} (skrivebeskyttet visning).`, `The version has ${countOf(shown.plan.nodes.length, 'card', 'cards', 'en')} and ${connections(shown.plan.edges.length, 'en')} (read-only view).`)}</p>
          {session.role !== 'viewer' && <button type="button" onClick={() => void restore()} data-testid="version-restore">{t('Genskab denne version', 'Restore this version')}</button>}
          <button type="button" onClick={() => setShown(null)}>{t('Luk', 'Close')}</button>
        </div>
      )}
    </section>
  );
}

/** "1 forbindelse", "3 forbindelser" */
function connections(count: number, lang: 'da' | 'en'): string {
  return lang === 'da' ? countOf(count, 'forbindelse', 'forbindelser') : countOf(count, 'connection', 'connections', 'en');
}

function DiffList({ diff }: { diff: PlanDiff }) {
  const { t } = useI18n();
  const items: string[] = [
    ...diff.nodes.added.map((n) => t(`+ tilføjet: ${n.title}`, `+ added: ${n.title}`)),
    ...diff.nodes.removed.map((n) => t(`− fjernet: ${n.title}`, `− removed: ${n.title}`)),
    ...diff.nodes.changed.map((c) => t(`~ ændret: ${c.after.title} (${c.fields.map((f) => f.field).join(', ')})`, `~ changed: ${c.after.title} (${c.fields.map((f) => f.field).join(', ')})`)),
    ...(diff.edges.added.length ? [t(`+ ${connections(diff.edges.added.length, 'da')} tilføjet`, `+ ${connections(diff.edges.added.length, 'en')} added`)] : []),
    ...(diff.edges.removed.length ? [t(`− ${connections(diff.edges.removed.length, 'da')} fjernet`, `− ${connections(diff.edges.removed.length, 'en')} removed`)] : []),
    ...(diff.edges.changed.length ? [t(`~ ${connections(diff.edges.changed.length, 'da')} ændret`, `~ ${connections(diff.edges.changed.length, 'en')} changed`)] : []),
  ];
  if (items.length === 0) return <p>{t('Ingen ændringer.', 'No changes.')}</p>;
  return <ul className="diff" data-testid="version-diff">{items.map((item, i) => <li key={i}>{item}</li>)}</ul>;
}

