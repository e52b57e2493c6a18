/**
 * A phone: not the canvas squeezed, but what one does with a phone in a workshop. Everyone follows the
 * facilitator's focus as readable cards, adds an idea, votes and comments on a card, and adds a card of an allowed
 * kind to the focused area. The facilitator on a phone also runs the room from the tab "Styring": sets the focus
 * area everyone follows, the timer, voting and locks (the same controls as the desktop's top bar), and shows the
 * join code.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CARD_SIZE } from '../../model/geometry.ts';
import { placeNewCard, type KindBox } from '../../model/placement.ts';
import { newNodeTitleDa } from '../../model/grammar.ts';
import type { NodeKind, PlanFile } from '../../model/schema.ts';
import { addNode, newId } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { ConnectionBadge } from '../ConnectionBadge.tsx';
import { useI18n } from '../i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from '../kinds.ts';
import { Ideas } from '../workshop/Ideas.tsx';
import type { WorkshopState } from '../workshop/useWorkshop.ts';
import {
  LockAllButton, LockKinds, TimerControls, TimerSettings, VotingSettings, VotingToggle, WorkshopTags,
} from '../workshop/WorkshopBar.tsx';
import { spacedCode, useInvite } from '../InviteDialog.tsx';
import { useFacilitatorFocus, useShareFocus } from './focus.ts';
import { nodesInFocus, ReadableCard } from './ReadableCards.tsx';
import { PhoneCardPage } from './PhoneCard.tsx';

export function PhoneView({ session, plan, workshop, readOnly, onChangeName }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  readOnly: boolean;
  onChangeName: () => void;
}) {
  const { t } = useI18n();
  const focus = useFacilitatorFocus(session);
  const facilitator = session.role === 'facilitator';
  // '' follows the facilitator; otherwise the area the person picked. The facilitator's own pick is the room's focus.
  const [picked, setPicked] = useState<string>('');
  useShareFocus(session, picked); // only the facilitator's is shared
  const area = facilitator ? picked || null : picked === '' ? focus.area : picked === 'all' ? null : picked;
  const areaTitle = plan.focusAreas?.find((a) => a.id === area)?.title;
  const cards = useMemo(() => nodesInFocus(plan, area), [plan, area]);
  const card = useCardPage();
  const [tab, setTabState] = useState<Tab>(facilitator ? 'run' : 'cards');
  const setTab = (next: Tab) => {
    card.close();
    setTabState(next);
  };
  const name = session.localOrigin.user;
  return (
    <div className="phone" data-testid="phone-view">
      <header className="phone-top">
        <h1>{plan.plan.title}</h1>
        <p className="muted">
          <ConnectionBadge session={session} compact />{' '}
          {name} · <button type="button" className="link" onClick={onChangeName}>{t('skift navn', 'change name')}</button>
        </p>
        <div className="workshop-bar" data-testid="workshop-bar">
          <TimerControls session={session} workshop={workshop} />
          <WorkshopTags session={session} workshop={workshop} />
        </div>
      </header>
      <nav className="phone-tabs" aria-label={t('Visning', 'View')}>
        {facilitator && <button type="button" aria-pressed={tab === 'run' && !card.open} onClick={() => setTab('run')}>{t('Styring', 'Control')}</button>}
        <button type="button" aria-pressed={tab === 'cards' && !card.open} onClick={() => setTab('cards')}>{t('Kort', 'Cards')}</button>
        {!readOnly && <button type="button" aria-pressed={tab === 'add' && !card.open} onClick={() => setTab('add')}>{t('Tilføj kort', 'Add card')}</button>}
        {session.role !== 'viewer' && <button type="button" aria-pressed={tab === 'ideas' && !card.open} onClick={() => setTab('ideas')}>{t('Idéer', 'Ideas')}</button>}
      </nav>
      {/* which cards the list shows and where a new card goes: not on a card's page or the ideas */}
      {!card.open && tab !== 'ideas' && <label className="field phone-area">
        {facilitator ? t('Indsatsområde (alle følger med)', 'Focus area (everyone follows)') : t('Indsatsområde', 'Focus area')}
        <select value={picked} onChange={(e) => setPicked(e.target.value)}>
          {facilitator ? <option value="">{t('Hele planen', 'The whole plan')}</option> : (
            <>
              <option value="">{focus.name ? t(`Følg ${focus.name}${areaTitle && picked === '' ? ` (${areaTitle})` : ''}`, `Follow ${focus.name}`) : t('Følg facilitatoren', 'Follow the facilitator')}</option>
              <option value="all">{t('Hele planen', 'The whole plan')}</option>
            </>
          )}
          {(plan.focusAreas ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
        </select>
      </label>}
      {card.open ? (
        <PhoneCardPage session={session} plan={plan} workshop={workshop} nodeId={card.open} readOnly={readOnly} name={name}
          highlighted={focus.selection.includes(card.open)} onBack={card.close} />
      ) : (
        <>
          {tab === 'run' && facilitator && <RunTheRoom session={session} workshop={workshop} />}
          {tab === 'cards' && (
            <section aria-label={areaTitle ?? t('Hele planen', 'The whole plan')}>
              <h2>{areaTitle ?? t('Hele planen', 'The whole plan')}</h2>
              {cards.length === 0 && <p className="muted">{t('Ingen kort her endnu.', 'No cards here yet.')}</p>}
              <ul className="readable-list">
                {cards.map((node) => (
                  <ReadableCard key={node.id} node={node} votes={workshop.voteCounts.get(node.id)} highlighted={focus.selection.includes(node.id)}
                    onOpen={() => card.show(node.id)} />
                ))}
              </ul>
            </section>
          )}
          {tab === 'add' && !readOnly && <AddCard session={session} plan={plan} workshop={workshop} area={area} areaTitle={areaTitle} onAdded={(id) => { setTabState('cards'); card.show(id); }} />}
          {tab === 'ideas' && <Ideas session={session} readOnly={readOnly} onNotice={() => undefined} />}
        </>
      )}
    </div>
  );
}

type Tab = 'run' | 'cards' | 'add' | 'ideas';

/**
 * The card page that is open, as a history entry: the phone's back gesture (or "Tilbage til kortene") returns to
 * the list, with the focus on the card that was open.
 */
function useCardPage(): { open: string | null; show: (id: string) => void; close: () => void } {
  const [open, setOpen] = useState<string | null>(null);
  const last = useRef<string | null>(null);
  useEffect(() => {
    const onPop = () => setOpen(cardInHistory());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (open) {
      last.current = open;
      return;
    }
    const id = last.current;
    if (id) requestAnimationFrame(() => (document.querySelector(`[data-node="${CSS.escape(id)}"] button`) as HTMLElement | null)?.focus());
  }, [open]);
  const show = useCallback((id: string) => {
    window.history.pushState({ ...(window.history.state as object | null), phoneCard: id }, '');
    setOpen(id);
  }, []);
  const close = useCallback(() => {
    if (cardInHistory()) window.history.back(); // popstate closes the page
    else setOpen(null);
  }, []);
  return { open, show, close };
}

function cardInHistory(): string | null {
  const state = window.history.state as { phoneCard?: unknown } | null;
  return typeof state?.phoneCard === 'string' ? state.phoneCard : null;
}

/** The facilitator's controls on a phone: the same components as the desktop's top bar, stacked, and the join code. */
function RunTheRoom({ session, workshop }: { session: PlanSession; workshop: WorkshopState }) {
  const { t } = useI18n();
  const { code, error, changeCode } = useInvite(session, true);
  return (
    <section className="phone-run" aria-label={t('Styring af workshoppen', 'Running the workshop')}>
      <h2>{t('Timer', 'Timer')}</h2>
      <p className="muted">{t('Start og pause øverst; her stiller du tiden.', 'Start and pause at the top; set the time here.')}</p>
      <div className="row"><TimerSettings session={session} workshop={workshop} /></div>
      <h2>{t('Afstemning', 'Voting')}</h2>
      <div className="row"><VotingToggle session={session} workshop={workshop} /><VotingSettings session={session} workshop={workshop} /></div>
      <h2>{t('Låse', 'Locks')}</h2>
      <LockAllButton session={session} workshop={workshop} />
      <LockKinds session={session} workshop={workshop} />
      <h2>{t('Kode til telefonerne', 'Code for the phones')}</h2>
      {error && <p role="alert" className="field-error">{error}</p>}
      {code ? (
        <>
          <p>{t('Gå til', 'Go to')} <strong>{window.location.host}/j</strong> {t('og skriv koden', 'and type the code')}</p>
          <p className="join-code" data-testid="join-code" aria-label={t(`Koden er ${code}`, `The code is ${code}`)}>{spacedCode(code)}</p>
          <button type="button" onClick={() => void changeCode('POST')}>{t('Ny kode', 'New code')}</button>
        </>
      ) : (
        <button type="button" className="primary" onClick={() => void changeCode('POST')}>{t('Lav en kode til telefonerne', 'Make a code for the phones')}</button>
      )}
    </section>
  );
}

function AddCard({ session, plan, workshop, area, areaTitle, onAdded }: {
  session: PlanSession; plan: PlanFile; workshop: WorkshopState; area: string | null; areaTitle: string | undefined; onAdded: (id: string) => void;
}) {
  const { t } = useI18n();
  const allowed = NODE_KIND_ORDER.filter((k) => !workshop.locks.kinds.includes(k));
  const [kind, setKind] = useState<NodeKind>(allowed[0] ?? 'aktivitet');
  const [title, setTitle] = useState('');
  const add = () => {
    // the canvas's placement rule: in the kind's column, at the height of the area's cards, free of the others
    const cards: KindBox[] = plan.nodes.flatMap((n) => (n.position ? [{ kind: n.kind, ...n.position, ...CARD_SIZE }] : []));
    const near = plan.nodes.filter((n) => n.position && (!area || n.focusArea === area)).map((n) => n.position!);
    const centre = near.length > 0
      ? { x: Math.min(...near.map((p) => p.x)) + CARD_SIZE.width / 2, y: (Math.min(...near.map((p) => p.y)) + Math.max(...near.map((p) => p.y + CARD_SIZE.height))) / 2 }
      : { x: 40 + CARD_SIZE.width / 2, y: 40 + CARD_SIZE.height / 2 };
    const text = title.trim() || newNodeTitleDa(kind);
    const id = newId(kind.slice(0, 1));
    addNode(session.doc, { id, kind, title: text, position: placeNewCard(cards, kind, CARD_SIZE, centre), ...(area ? { focusArea: area } : {}) }, session.localOrigin);
    setTitle('');
    onAdded(id); // the new card's page: link it, fill in its fields
  };
  if (allowed.length === 0) return <p className="muted">{t('Facilitatoren har låst alle slags kort.', 'The facilitator has locked every kind of card.')}</p>;
  return (
    <form className="phone-add" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <p className="muted">{areaTitle ? t(`Kortet kommer i ${areaTitle}.`, `The card goes into ${areaTitle}.`) : t('Kortet kommer uden indsatsområde.', 'The card gets no focus area.')}</p>
      <label className="field">{t('Slags', 'Kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as NodeKind)}>
          {allowed.map((k) => <option key={k} value={k}>{t(KIND_LOOKS[k].da, KIND_LOOKS[k].en)}</option>)}
        </select>
      </label>
      <label className="field">{t('Tekst på kortet', 'Text on the card')}
        <textarea rows={3} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={newNodeTitleDa(kind)} />
      </label>
      <button type="submit" className="primary">{t('Tilføj kortet', 'Add the card')}</button>
    </form>
  );
}
