/** The follow-up line of a canvas card: fremdrift as of the chosen year (any node that has one) and an indikator's status for it. */
import type { PlanNode } from '../../model/schema.ts';
import { fremdriftOf, indicatorStatus } from '../../model/status.ts';
import { useI18n } from '../i18n.tsx';
import { FremdriftChip, IndicatorStatusChip } from './chips.tsx';
import './followup.css';
import { useFollowUpYear } from './year.ts';

export function CardFollowUp({ node }: { node: PlanNode }) {
  const { t } = useI18n();
  const year = useFollowUpYear();
  const fremdrift = fremdriftOf(node, year); // as of the chosen year, like the indikator's status beside it
  // an indikator without milestones or measurements has no follow-up yet: "Uden delmål" on every new card in a
  // workshop would be noise
  const isIndicator = node.kind === 'indikator' && ((node.targets?.length ?? 0) > 0 || (node.measurements?.length ?? 0) > 0 || node.target !== undefined);
  if (!fremdrift && !isIndicator) return null;
  return (
    <div className="plan-node-followup" data-testid={`card-followup-${node.id}`}>
      {fremdrift && <>{t('Fremdrift', 'Progress')} <FremdriftChip status={fremdrift} /></>}
      {isIndicator && <>{year} <IndicatorStatusChip status={indicatorStatus(node, year).status} testId={`card-status-${node.id}`} /></>}
    </div>
  );
}
