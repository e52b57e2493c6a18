/**
 * One card on a phone, as a page of its own: the card as the room sees it, then the same properties form as the
 * desktop's panel (NodeInspector: title, fields, "Forbind til …"/"Forbind fra …" with the targets the grammar
 * allows), then dots and comments (first while voting is open). Reusing NodeInspector keeps one home for every
 * field and its binding.
 * "Tilbage til kortene" and the phone's own back gesture (a history entry per opened card) lead back to the list.
 */
import { useEffect, useRef } from 'react';
import type { PlanFile } from '../../model/schema.ts';
import type { PlanSession } from '../connection.ts';
import { useI18n } from '../i18n.tsx';
import { NodeInspector } from '../Inspector.tsx';
import { cardName } from '../LinkFields.tsx';
import { KIND_LOOKS } from '../kinds.ts';
import { TargetWorkshop } from '../workshop/WorkshopBar.tsx';
import type { WorkshopState } from '../workshop/useWorkshop.ts';
import { ReadableCard } from './ReadableCards.tsx';

export function PhoneCardPage({ session, plan, workshop, nodeId, readOnly, name, highlighted, onBack }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  nodeId: string;
  readOnly: boolean;
  name: string;
  highlighted: boolean;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const node = plan.nodes.find((n) => n.id === nodeId);
  // a new page: start at its top, and a screen reader starts at its heading
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [nodeId]);
  const back = (
    <button type="button" className="phone-back" onClick={onBack}>
      <span aria-hidden>‹ </span>{t('Tilbage til kortene', 'Back to the cards')}
    </button>
  );
  if (!node) {
    // deleted here or by someone else; a delete made on this phone can be taken back (there is no Ctrl+Z)
    return (
      <section className="phone-card" aria-label={t('Kortet', 'The card')}>
        {back}
        <p role="status">{t('Kortet er slettet.', 'The card is deleted.')}</p>
        {session.undoManager.canUndo() && (
          <button type="button" onClick={() => session.undoManager.undo()}>{t('Fortryd sletningen', 'Undo the delete')}</button>
        )}
      </section>
    );
  }
  const kindLocked = session.role === 'participant' && workshop.locks.kinds.includes(node.kind);
  const kindName = t(KIND_LOOKS[node.kind].da, KIND_LOOKS[node.kind].en);
  const dots = <TargetWorkshop session={session} workshop={workshop} target={node.id} readOnly={session.role === 'viewer'} name={name} />;
  return (
    <section className="phone-card" aria-labelledby="phone-card-heading" data-testid="phone-card">
      {back}
      <h2 id="phone-card-heading" ref={heading} tabIndex={-1} className="sr-only">{cardName(node, t)}</h2>
      <ul className="readable-list">
        <ReadableCard node={node} votes={workshop.voteCounts.get(node.id)} highlighted={highlighted} />
      </ul>
      {kindLocked && !readOnly && (
        <p className="muted">{t(`Facilitatoren har låst ${kindName.toLowerCase()}: du kan læse kortet, men ikke ændre det.`, `The facilitator has locked ${kindName.toLowerCase()}: you can read the card, not change it.`)}</p>
      )}
      {/* while voting is open the dots come first, above the form, within a thumb's reach */}
      {workshop.voting.open && dots}
      <NodeInspector key={node.id} session={session} plan={plan} node={node} readOnly={readOnly || kindLocked} />
      {!workshop.voting.open && dots}
    </section>
  );
}
