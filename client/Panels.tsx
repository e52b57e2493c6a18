/** The live check, the coverage matrix, the outline and the focus areas. */
import { memo, useMemo, useState } from 'react';
import { findingMessageEn, linkNoteMessageEn, SEVERITY_ORDER, type Finding, type LinkNote, type Severity } from '../model/rules.ts';
import type { PlanEdge, PlanFile, PlanNode } from '../model/schema.ts';
import { removeNode, updateNode } from '../model/ydoc.ts';
import { announce } from './announce.tsx';
import { CompactLinkPicker } from './LinkFields.tsx';
import type { PlanSession } from './connection.ts';
import type { LiveCheck } from './hooks.ts';
import { countOf, useI18n } from './i18n.tsx';
import { Field } from './Inspector.tsx';
import { KIND_LOOKS } from './kinds.ts';
import { useSharedText } from './useSharedText.ts';

const SEVERITY_LABELS: Record<Severity, [string, string]> = {
  error: ['Fejl', 'Errors'],
  warning: ['Advarsler', 'Warnings'],
  info: ['Oplysninger', 'Notes'],
};

export const FindingsPanel = memo(function FindingsPanel({ check, planForEnglish, onFocusNode, onFocusEdge }: {
  check: LiveCheck;
  /** Only given in English, so that in Danish the panel does not re-render when nodes merely move. */
  planForEnglish: PlanFile | undefined;
  onFocusNode: (id: string) => void;
  /** Opens the link (by its index in the plan's edge list) in the inspector, where its rationale is written. */
  onFocusEdge: (edgeIndex: number) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: false });
  const groups = useMemo(() => {
    const map: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
    for (const finding of check.findings) map[finding.severity].push(finding);
    return map;
  }, [check.findings]);
  const c = check.coverage;
  return (
    <section className="findings" aria-label={t('Tjek', 'Check')} data-testid="findings-panel">
      <h2>{t('Tjek af planen', 'Plan check')}</h2>
      <p className="coverage-summary" data-testid="coverage-summary">
        {t(`${c.goalsCovered} af ${c.goals} mål er dækket`, `${c.goalsCovered} of ${countOf(c.goals, 'goal', 'goals', 'en')} covered`)} ·{' '}
        {t(`${c.activitiesWithGoal} af ${countOf(c.activities, 'aktivitet', 'aktiviteter')} når et mål`, `${c.activitiesWithGoal} of ${countOf(c.activities, 'activity', 'activities', 'en')} reach a goal`)} ·{' '}
        {t(`${c.activitiesWithIndicator} måles`, `${c.activitiesWithIndicator} measured`)}
      </p>
      {SEVERITY_ORDER.map((severity) => (
        <div key={severity} className={`finding-group severity-${severity}`}>
          <button type="button" className="finding-group-header" aria-expanded={open[severity]}
            onClick={() => setOpen((o) => ({ ...o, [severity]: !o[severity] }))} data-testid={`findings-${severity}`}>
            {t(...SEVERITY_LABELS[severity])} <span className="count" data-testid={`count-${severity}`}>{groups[severity].length}</span>
          </button>
          {open[severity] && (
            <ul>
              {groups[severity].map((finding, index) => (
                <li key={`${finding.rule}-${finding.nodeIds.join()}-${index}`}>
                  <button type="button" className="link finding" data-rule={finding.rule} onClick={() => onFocusNode(finding.nodeIds[0]!)}>
                    {planForEnglish ? findingMessageEn(finding, planForEnglish) : finding.message}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <LinkNotes links={check.links} planForEnglish={planForEnglish} onFocusEdge={onFocusEdge} />
    </section>
  );
});

/**
 * Links without a rationale, apart from the findings: they are not among the spec's rules, and a new plan has many,
 * so the list starts closed. A click opens the link in the inspector, at its Begrundelse field.
 */
function LinkNotes({ links, planForEnglish, onFocusEdge }: { links: LinkNote[]; planForEnglish: PlanFile | undefined; onFocusEdge: (edgeIndex: number) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (links.length === 0) return null;
  return (
    <div className="finding-group link-notes" data-testid="link-notes">
      <button type="button" className="finding-group-header" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="link-notes-header">
        {t('Forbindelser uden begrundelse', 'Links without a rationale')} <span className="count" data-testid="count-links">{links.length}</span>
      </button>
      {open && (
        <ul>
          {links.map((note) => (
            <li key={note.edgeIndex}>
              <button type="button" className="link finding" data-note={note.note} onClick={() => onFocusEdge(note.edgeIndex)}>
                {planForEnglish ? linkNoteMessageEn(note, planForEnglish) : note.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Goals × activities; a cell shows whether the activity reaches the goal and opens the connecting path. */
export function CoverageMatrix({ plan, check, onShowPath }: { plan: PlanFile; check: LiveCheck; onShowPath: (ids: string[]) => void }) {
  const { t } = useI18n();
  const activities = plan.nodes.filter((n) => n.kind === 'aktivitet');
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const reach = new Map(check.coverage.matrix.map((row) => [row.goal, new Set(row.activities)]));
  return (
    <div className="matrix-wrap">
      <table className="matrix" data-testid="coverage-matrix">
        <caption>{t('Dækning: hvilke aktiviteter bidrager til hvilke mål', 'Coverage: which activities contribute to which goals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Mål', 'Goal')}</th>
            {activities.map((a) => (
              <th key={a.id} scope="col" className="rotate"><span>{a.title}</span></th>
            ))}
          </tr>
        </thead>
        <tbody>
          {check.coverage.matrix.map((row) => (
            <tr key={row.goal} className={row.activities.length === 0 ? 'gap-row' : undefined}>
              <th scope="row">{titles.get(row.goal)}</th>
              {activities.map((a) => {
                const covered = reach.get(row.goal)?.has(a.id);
                return (
                  <td key={a.id} className={covered ? 'covered' : 'gap'}>
                    {covered ? (
                      <button type="button" className="cell" aria-label={t(`Vis vejen fra ${a.title} til ${titles.get(row.goal)}`, `Show the path from ${a.title} to ${titles.get(row.goal)}`)}
                        onClick={() => onShowPath(findPath(plan, a.id, row.goal))}>●</button>
                    ) : (
                      <span aria-label={t('ikke dækket', 'not covered')}>·</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="gap-summary">
            <th scope="row">{t('Når intet mål', 'Reaches no goal')}</th>
            {activities.map((a) => {
              const none = !check.coverage.matrix.some((row) => row.activities.includes(a.id));
              return <td key={a.id} className={none ? 'gap strong' : ''}>{none ? '!' : ''}</td>;
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** A shortest path from an activity to a goal over leder-til and bidrager-til edges (breadth first). */
export function findPath(plan: PlanFile, from: string, to: string): string[] {
  const next = new Map<string, string[]>();
  for (const e of plan.edges) if (e.kind !== 'maales-ved') next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) break;
    for (const n of next.get(id) ?? []) {
      if (!previous.has(n)) {
        previous.set(n, id);
        queue.push(n);
      }
    }
  }
  if (!previous.has(to)) return [];
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path;
}

/**
 * The plan as a nested list per indsatsområde: readable by a screen reader and editable by keyboard. Each card
 * has its title, "Forbind til …" and "Slet"; the goals follow with what measures them, and cards that no
 * activity or goal leads to yet are listed under "Ikke forbundet".
 */
/** Under a card in the Disposition: why the link from the card above leads to it, and what must hold. */
function LinkReasons({ edge }: { edge: PlanEdge }) {
  const { t } = useI18n();
  const assumptions = (edge.assumptions ?? []).map((a) => a.trim()).filter(Boolean);
  const rationale = edge.rationale?.trim();
  if (!rationale && assumptions.length === 0) return null;
  return (
    <div className="outline-reasons" data-testid={`outline-reasons-${edge.id ?? `${edge.from}-${edge.to}`}`}>
      {rationale && <p><span className="outline-kind">{t('Begrundelse', 'Rationale')}:</span> {rationale}</p>}
      {assumptions.length > 0 && (
        <>
          <p><span className="assumption-glyph" aria-hidden="true">A</span> <span className="outline-kind">{t('Antagelser', 'Assumptions')}:</span></p>
          <ul className="outline-assumptions">{assumptions.map((a, i) => <li key={i}>{a}</li>)}</ul>
        </>
      )}
    </div>
  );
}

export function Outline({ session, plan, readOnly, onFocusNode }: { session: PlanSession; plan: PlanFile; readOnly: boolean; onFocusNode: (id: string) => void }) {
  const { t } = useI18n();
  // per card the cards it leads to, each with the link that gets there (its reasons are shown under the card)
  const children = useMemo(() => {
    const map = new Map<string, Array<{ node: PlanNode; via: PlanEdge }>>();
    const byId = new Map(plan.nodes.map((n) => [n.id, n]));
    for (const e of plan.edges) {
      const target = byId.get(e.to);
      if (target) map.set(e.from, [...(map.get(e.from) ?? []), { node: target, via: e }]);
    }
    return map;
  }, [plan]);
  const areas = [...(plan.focusAreas ?? []).map((a) => ({ id: a.id as string | undefined, title: a.title })), { id: undefined, title: t('Uden indsatsområde', 'No focus area') }];
  const goals = plan.nodes.filter((n) => n.kind === 'maal');
  // what the lists above "Ikke forbundet" show: every card an activity or a goal leads to
  const unlinked = useMemo(() => {
    const reached = new Set<string>();
    const walk = (id: string) => {
      if (reached.has(id)) return;
      reached.add(id);
      for (const k of children.get(id) ?? []) walk(k.node.id);
    };
    for (const n of plan.nodes) if (n.kind === 'aktivitet' || n.kind === 'maal') walk(n.id);
    const rest = plan.nodes.filter((n) => !reached.has(n.id));
    const restIds = new Set(rest.map((n) => n.id));
    const hasParent = new Set(plan.edges.filter((e) => restIds.has(e.from) && e.from !== e.to).map((e) => e.to));
    const roots = rest.filter((n) => !hasParent.has(n.id));
    return roots.length > 0 || rest.length === 0 ? roots : rest.slice(0, 1);
  }, [children, plan.edges, plan.nodes]);
  const remove = (node: PlanNode) => {
    session.undoManager.stopCapturing();
    removeNode(session.doc, node.id, session.localOrigin);
    announce(t(`Kortet »${node.title}« er slettet. Ctrl+Z fortryder.`, `The card »${node.title}« is deleted. Ctrl+Z undoes.`));
  };
  const renderChain = (node: PlanNode, seen: Set<string>, via?: PlanEdge): React.ReactNode => {
    const kids = (children.get(node.id) ?? []).filter((k) => !seen.has(k.node.id));
    const nextSeen = new Set([...seen, node.id]);
    return (
      <li key={node.id}>
        <span className="outline-kind">{t(KIND_LOOKS[node.kind].da, KIND_LOOKS[node.kind].en)}:</span>{' '}
        {readOnly ? (
          <button type="button" className="link" onClick={() => onFocusNode(node.id)} data-outline-node={node.id}>{node.title}</button>
        ) : (
          <>
            <OutlineTitle session={session} node={node} />
            <CompactLinkPicker session={session} plan={plan} node={node} />
            <button type="button" className="link outline-delete" onClick={() => remove(node)} aria-label={t(`Slet ${node.title}`, `Delete ${node.title}`)}>
              {t('Slet', 'Delete')}
            </button>
          </>
        )}
        {via && <LinkReasons edge={via} />}
        {kids.length > 0 && <ul>{kids.map((k) => renderChain(k.node, nextSeen, k.via))}</ul>}
      </li>
    );
  };
  return (
    <div className="outline" data-testid="outline">
      <h2>{t('Disposition', 'Outline')}</h2>
      {areas.map((area) => {
        const activities = plan.nodes.filter((n) => n.kind === 'aktivitet' && n.focusArea === area.id);
        if (activities.length === 0 && area.id === undefined) return null;
        return (
          <section key={area.id ?? 'none'} aria-label={area.title}>
            <h3>{area.title}</h3>
            {activities.length === 0 ? <p className="muted">{t('Ingen aktiviteter endnu.', 'No activities yet.')}</p> : <ul>{activities.map((a) => renderChain(a, new Set()))}</ul>}
          </section>
        );
      })}
      <section aria-label={t('Mål', 'Goals')}>
        <h3>{t('Mål', 'Goals')}</h3>
        {goals.length === 0 ? <p className="muted">{t('Ingen mål endnu.', 'No goals yet.')}</p> : <ul>{goals.map((m) => renderChain(m, new Set()))}</ul>}
      </section>
      {unlinked.length > 0 && (
        <section aria-label={t('Ikke forbundet', 'Not linked')} data-testid="outline-unlinked">
          <h3>{t('Ikke forbundet', 'Not linked')}</h3>
          <p className="muted">{t('Kort, som ingen aktivitet eller mål fører til endnu.', 'Cards that no activity or goal leads to yet.')}</p>
          <ul>{unlinked.map((n) => renderChain(n, new Set()))}</ul>
        </section>
      )}
    </div>
  );
}

function OutlineTitle({ session, node }: { session: PlanSession; node: PlanNode }) {
  const { t } = useI18n();
  const title = useSharedText<HTMLInputElement>(session, node.id, 'title');
  return (
    <input
      ref={title.ref}
      defaultValue={title.initial}
      className="outline-title"
      data-outline-node={node.id}
      aria-label={t(`Titel på ${KIND_LOOKS[node.kind].da}`, `Title of ${KIND_LOOKS[node.kind].en}`)}
      onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && (e.target as HTMLInputElement).blur()}
    />
  );
}
