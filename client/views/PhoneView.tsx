/**
 * A participant on a phone: not the canvas squeezed, but what one does with a phone in a workshop — follow the
 * facilitator's focus as readable cards, add an idea, vote and comment on a card, and add a card of an allowed
 * kind to the focused area.
 */
import { useMemo, useState } from 'react';
import { newNodeTitleDa } from '../../model/grammar.ts';
import type { NodeKind, PlanFile } from '../../model/schema.ts';
import { addNode, newId } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { useConnectionStatus } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from '../kinds.ts';
import { Ideas } from '../workshop/Ideas.tsx';
import type { WorkshopState } from '../workshop/useWorkshop.ts';
import { TargetWorkshop, WorkshopBar } from '../workshop/WorkshopBar.tsx';
import { useFacilitatorFocus } from './focus.ts';
import { nodesInFocus, ReadableCard } from './ReadableCards.tsx';

export function PhoneView({ session, plan, workshop, readOnly, onChangeName }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  readOnly: boolean;
  onChangeName: () => void;
}) {
  const { t } = useI18n();
  const status = useConnectionStatus(session);
  const focus = useFacilitatorFocus(session);
  // '' follows the facilitator; otherwise the area the person picked
  const [picked, setPicked] = useState<string>('');
  const area = picked === '' ? focus.area : picked === 'all' ? null : picked;
  const areaTitle = plan.focusAreas?.find((a) => a.id === area)?.title;
  const cards = useMemo(() => nodesInFocus(plan, area), [plan, area]);
  const [open, setOpen] = useState<string | null>(null);
  const [tab, setTab] = useState<'cards' | 'add' | 'ideas'>('cards');
  const name = session.localOrigin.user;
  return (
    <div className="phone" data-testid="phone-view">
      <header className="phone-top">
        <h1>{plan.plan.title}</h1>
        <p className="muted">
          <span className={`connection connection-${status}`} data-testid="connection-status" data-status={status}><span className="dot" aria-hidden /></span>{' '}
          {name} · <button type="button" className="link" onClick={onChangeName}>{t('skift navn', 'change name')}</button>
        </p>
        <WorkshopBar session={session} workshop={workshop} />
      </header>
      <nav className="phone-tabs" aria-label={t('Visning', 'View')}>
        <button type="button" aria-pressed={tab === 'cards'} onClick={() => setTab('cards')}>{t('Kort', 'Cards')}</button>
        {!readOnly && <button type="button" aria-pressed={tab === 'add'} onClick={() => setTab('add')}>{t('Tilføj kort', 'Add card')}</button>}
        {session.role !== 'viewer' && <button type="button" aria-pressed={tab === 'ideas'} onClick={() => setTab('ideas')}>{t('Idéer', 'Ideas')}</button>}
      </nav>
      <label className="field phone-area">
        {t('Indsatsområde', 'Focus area')}
        <select value={picked} onChange={(e) => setPicked(e.target.value)}>
          <option value="">{focus.name ? t(`Følg ${focus.name}${areaTitle && picked === '' ? ` (${areaTitle})` : ''}`, `Follow ${focus.name}`) : t('Følg facilitatoren', 'Follow the facilitator')}</option>
          <option value="all">{t('Hele planen', 'The whole plan')}</option>
          {(plan.focusAreas ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
        </select>
      </label>
      {tab === 'cards' && (
        <section aria-label={areaTitle ?? t('Hele planen', 'The whole plan')}>
          <h2>{areaTitle ?? t('Hele planen', 'The whole plan')}</h2>
          {cards.length === 0 && <p className="muted">{t('Ingen kort her endnu.', 'No cards here yet.')}</p>}
          <ul className="readable-list">
            {cards.map((node) => (
              <ReadableCard key={node.id} node={node} votes={workshop.voteCounts.get(node.id)} highlighted={focus.selection.includes(node.id)}
                open={open === node.id} onOpen={() => setOpen((o) => (o === node.id ? null : node.id))}>
                {open === node.id && <TargetWorkshop session={session} workshop={workshop} target={node.id} readOnly={session.role === 'viewer'} name={name} />}
              </ReadableCard>
            ))}
          </ul>
        </section>
      )}
      {tab === 'add' && !readOnly && <AddCard session={session} plan={plan} workshop={workshop} area={area} areaTitle={areaTitle} onAdded={() => setTab('cards')} />}
      {tab === 'ideas' && <Ideas session={session} readOnly={readOnly} onNotice={() => undefined} />}
    </div>
  );
}

function AddCard({ session, plan, workshop, area, areaTitle, onAdded }: {
  session: PlanSession; plan: PlanFile; workshop: WorkshopState; area: string | null; areaTitle: string | undefined; onAdded: () => void;
}) {
  const { t } = useI18n();
  const allowed = NODE_KIND_ORDER.filter((k) => !workshop.locks.kinds.includes(k));
  const [kind, setKind] = useState<NodeKind>(allowed[0] ?? 'aktivitet');
  const [title, setTitle] = useState('');
  const add = () => {
    // below everything already on the map, so the card lands free of others
    const bottom = plan.nodes.reduce((max, n) => Math.max(max, n.position?.y ?? 0), 0);
    const text = title.trim() || newNodeTitleDa(kind);
    addNode(session.doc, { id: newId(kind.slice(0, 1)), kind, title: text, position: { x: 40, y: Math.round(bottom + 160) }, ...(area ? { focusArea: area } : {}) }, session.localOrigin);
    setTitle('');
    onAdded();
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
