/**
 * Linking without a mouse: "Forbind til …" and "Forbind fra …" offer the cards the grammar allows
 * (model/grammar.ts `linkCandidates`, through `checkEdge`), and the card's links are listed with a button to
 * remove each. Used in the properties panel and, compact, in Disposition. Choosing a card does nothing by itself
 * (arrow keys run through a closed select): Enter on the field or the "Forbind" button makes the link.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { linkCandidates } from '../model/grammar.ts';
import type { EdgeKind, PlanFile, PlanNode } from '../model/schema.ts';
import { addEdge, removeEdge } from '../model/ydoc.ts';
import { announce, focusCard } from './announce.tsx';
import type { PlanSession } from './connection.ts';
import { useI18n } from './i18n.tsx';
import { EDGE_LOOKS, KIND_LOOKS } from './kinds.ts';

type T = (da: string, en: string) => string;

export function cardName(node: Pick<PlanNode, 'kind' | 'title'>, t: T): string {
  return `${t(KIND_LOOKS[node.kind].da, KIND_LOOKS[node.kind].en)}: ${node.title || t('(uden titel)', '(untitled)')}`;
}

/** "»Lektiecafé« leder til »40 brugere«" */
export function linkSentence(from: PlanNode | undefined, to: PlanNode | undefined, kind: EdgeKind, t: T): string {
  return `»${from?.title ?? '?'}« ${t(EDGE_LOOKS[kind].da, EDGE_LOOKS[kind].en)} »${to?.title ?? '?'}«`;
}

function LinkPicker({ session, plan, node, direction, compact }: { session: PlanSession; plan: PlanFile; node: PlanNode; direction: 'to' | 'from'; compact?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const byId = useMemo(() => new Map(plan.nodes.map((n) => [n.id, n])), [plan.nodes]);
  const candidates = useMemo(() => linkCandidates(plan, node.id, direction), [plan, node.id, direction]);
  const label = direction === 'to' ? t('Forbind til …', 'Link to …') : t('Forbind fra …', 'Link from …');
  const labelText = compact ? `${label.replace(' …', '')} (${node.title})` : label;
  if (candidates.length === 0) return null;
  const link = () => {
    const candidate = candidates.find((c) => c.id === choice);
    if (!candidate) {
      setError(t('Vælg et kort først.', 'Choose a card first.'));
      return;
    }
    const [from, to] = direction === 'to' ? [node.id, candidate.id] : [candidate.id, node.id];
    session.undoManager.stopCapturing();
    const result = addEdge(session.doc, { from, to, kind: candidate.kind }, session.localOrigin);
    session.undoManager.stopCapturing();
    if (!result.ok) {
      setError(result.reason);
      announce(result.reason);
      return;
    }
    setError(null);
    setChoice('');
    // back to the card (on the map, or its row in Disposition): the next key (1–6, L) works from there
    focusCard(node.id);
    announce(t(`Forbundet: ${linkSentence(byId.get(from), byId.get(to), candidate.kind, t)}.`, `Linked: ${linkSentence(byId.get(from), byId.get(to), candidate.kind, t)}.`));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      link();
    }
  };
  return (
    <div className={compact ? 'link-picker compact' : 'field link-picker'}>
      <label htmlFor={id} className={compact ? 'sr-only' : undefined}>{labelText}</label>
      <div className="row">
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)} onKeyDown={onKeyDown} data-testid={`link-${direction}`}
          aria-describedby={error ? `${id}-error` : undefined}>
          <option value="">{compact ? label : t('Vælg kort', 'Choose a card')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>{cardName(byId.get(c.id)!, t)}</option>
          ))}
        </select>
        <button type="button" onClick={link} data-testid={`link-${direction}-button`} aria-label={compact ? t(`Forbind ${node.title}`, `Link ${node.title}`) : undefined}>
          {t('Forbind', 'Link')}
        </button>
      </div>
      {error && <div className="field-error" id={`${id}-error`} role="alert">{error}</div>}
    </div>
  );
}

/** The card's links, each with a remove button, then "Forbind til …" and "Forbind fra …". */
export function LinkFields({ session, plan, node, readOnly }: { session: PlanSession; plan: PlanFile; node: PlanNode; readOnly: boolean }) {
  const { t } = useI18n();
  const byId = useMemo(() => new Map(plan.nodes.map((n) => [n.id, n])), [plan.nodes]);
  const links = plan.edges.filter((e) => e.from === node.id || e.to === node.id);
  return (
    <fieldset className="inspector-section links" data-testid="links">
      <legend>{t('Forbindelser', 'Links')}</legend>
      {!readOnly && <LinkPicker session={session} plan={plan} node={node} direction="to" />}
      {!readOnly && <LinkPicker session={session} plan={plan} node={node} direction="from" />}
      {links.length === 0 ? (
        <p className="muted">{t('Ikke forbundet endnu.', 'Not linked yet.')}</p>
      ) : (
        <ul className="link-list">
          {links.map((edge) => {
            const sentence = linkSentence(byId.get(edge.from), byId.get(edge.to), edge.kind, t);
            return (
              <li key={edge.id}>
                {sentence}
                {!readOnly && edge.id && (
                  <button type="button" className="link" aria-label={t(`Fjern forbindelsen ${sentence}`, `Remove the link ${sentence}`)}
                    onClick={() => {
                      session.undoManager.stopCapturing();
                      removeEdge(session.doc, edge.id!, session.localOrigin);
                      announce(t(`Forbindelsen ${sentence} er fjernet. Ctrl+Z fortryder.`, `The link ${sentence} is removed. Ctrl+Z undoes.`));
                    }}>
                    ✕
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

export function CompactLinkPicker(props: { session: PlanSession; plan: PlanFile; node: PlanNode }) {
  return <LinkPicker {...props} direction="to" compact />;
}
