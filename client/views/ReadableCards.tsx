/** The plan as readable cards (no canvas): for phones and for the projector. Grouped by kind, in chain order. */
import type { PlanFile, PlanNode } from '../../model/schema.ts';
import { countOf, useI18n } from '../i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from '../kinds.ts';

/** The nodes of one focus area (all when `area` is null), in chain order. */
export function nodesInFocus(plan: PlanFile, area: string | null): PlanNode[] {
  const inArea = area ? plan.nodes.filter((n) => n.focusArea === area) : plan.nodes;
  return NODE_KIND_ORDER.flatMap((kind) => inArea.filter((n) => n.kind === kind));
}

/** A card to read; with `onOpen` the whole card is a button that opens its page (a phone). */
export function ReadableCard({ node, votes, highlighted, onOpen }: {
  node: PlanNode;
  votes?: number;
  highlighted?: boolean;
  onOpen?: () => void;
}) {
  const { t } = useI18n();
  const look = KIND_LOOKS[node.kind];
  const body = (
    <>
      <span className="readable-kind" style={{ color: look.color }}><span aria-hidden>{look.icon}</span> {t(look.da, look.en)}</span>
      <span className="readable-title">{node.title}</span>
      {node.description && <span className="readable-description">{node.description}</span>}
      {votes ? <span className="readable-votes">● {t(countOf(votes, 'stemme', 'stemmer'), countOf(votes, 'dot', 'dots', 'en'))}</span> : null}
    </>
  );
  return (
    <li className={`readable-card${highlighted ? ' highlighted' : ''}`} style={{ borderLeftColor: look.color }} data-testid="readable-card" data-node={node.id}>
      {onOpen ? <button type="button" className="readable-open" onClick={onOpen}>{body}<span className="readable-chevron" aria-hidden>›</span></button> : body}
    </li>
  );
}
