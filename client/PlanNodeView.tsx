/** The card of one node on the canvas: memoised, so only nodes whose data changed re-render. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Finding } from '../model/rules.ts';
import type { PlanNode } from '../model/schema.ts';
import { CardFollowUp } from './followup/CardFollowUp.tsx';
import { countOf, formatNumber, useI18n } from './i18n.tsx';
import { ANCHORING_LOOKS, KIND_LOOKS } from './kinds.ts';

export interface PlanNodeData extends Record<string, unknown> {
  node: PlanNode;
  findings: Finding[] | undefined;
  focusAreaTitle: string | undefined;
  /** colours of other people who have this node selected */
  peerColors: string[] | undefined;
  /** dots given in the current vote */
  votes?: number | undefined;
}

export type PlanFlowNode = Node<PlanNodeData, 'plan'>;

function valueText(value: number | undefined, unit: string | undefined): string {
  if (value === undefined) return '–';
  return unit === '%' ? `${formatNumber(value)} %` : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}

/** "12 % → 40 % (2027)", or "succeskriterium: 40 %" / "udgangspunkt: 12 %" when only one value is known. */
function indicatorText(node: PlanNode, t: (da: string, en: string) => string): string {
  const hasBaseline = node.baseline?.value !== undefined;
  const hasTarget = node.target?.value !== undefined;
  const year = node.target?.year ? ` (${node.target.year})` : '';
  const target = `${valueText(node.target?.value, node.unit)}${year}`;
  if (hasBaseline && hasTarget) return `${valueText(node.baseline?.value, node.unit)} → ${target}`;
  if (hasTarget) return `${t('succeskriterium', 'target')}: ${target}`;
  if (hasBaseline) return `${t('udgangspunkt', 'baseline')}: ${valueText(node.baseline?.value, node.unit)}`;
  return t('succeskriterium ikke sat', 'no target set');
}

function FindingBadge({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors + warnings === 0) return null;
  const label = errors > 0 ? t(countOf(errors, 'fejl', 'fejl'), countOf(errors, 'error', 'errors', 'en')) : t(countOf(warnings, 'advarsel', 'advarsler'), countOf(warnings, 'warning', 'warnings', 'en'));
  return (
    <span className={`badge ${errors > 0 ? 'badge-error' : 'badge-warning'}`} title={findings.map((f) => f.message).join('\n')} data-testid="finding-badge">
      {errors > 0 ? '!' : '⚠'} {label}
    </span>
  );
}

function PlanNodeViewInner({ data, selected }: NodeProps<PlanFlowNode>) {
  const { t } = useI18n();
  const { node, findings, focusAreaTitle, peerColors } = data;
  const look = KIND_LOOKS[node.kind];
  const hasSource = node.kind !== 'indikator';
  const ring = peerColors?.[0];
  return (
    <div
      className={`plan-node kind-${node.kind}${selected ? ' selected' : ''}`}
      style={{ borderColor: look.color, boxShadow: ring ? `0 0 0 3px ${ring}` : undefined }}
      data-testid={`node-${node.id}`}
      data-kind={node.kind}
    >
      <Handle type="target" position={Position.Left} className="handle" />
      <div className="plan-node-header" style={{ background: look.color }}>
        <span aria-hidden>{look.icon}</span> {t(look.da, look.en)}
        {node.kind === 'maal' && node.external && <span className="tag">{t('eksternt', 'external')}</span>}
      </div>
      <div className="plan-node-title">{node.title || <em>{t('(uden titel)', '(untitled)')}</em>}</div>
      {node.kind === 'indikator' && (
        <div className="plan-node-meta" data-testid="indicator-range">
          {indicatorText(node, t)}
        </div>
      )}
      {node.kind === 'aktivitet' && (
        <div className="plan-node-meta">
          {t('Forankring', 'Anchoring')}:{' '}
          {node.anchoring?.strategy ? t(ANCHORING_LOOKS[node.anchoring.strategy].da, ANCHORING_LOOKS[node.anchoring.strategy].en) : t('ikke afklaret', 'not decided')}
        </div>
      )}
      <CardFollowUp node={node} />
      <div className="plan-node-footer">
        {focusAreaTitle && <span className="focus-area-tag">{focusAreaTitle}</span>}
        {data.votes ? <span className="badge badge-votes" data-testid="node-votes">● {data.votes}</span> : null}
        {findings && <FindingBadge findings={findings} />}
      </div>
      {hasSource && <Handle type="source" position={Position.Right} className="handle" />}
    </div>
  );
}

export const PlanNodeView = memo(PlanNodeViewInner);
