/**
 * Opfølgning: the board's view of a year (spec section 5). Per indsatsområde and aktivitet the fremdrift with its
 * dated notes, and a row per indikator with baseline, the year's milestone, the measurements, a status chip and a
 * chart; per goal the counts and the indicators behind them; a grid for fast entry of the year's figures.
 */
import { useMemo, useState } from 'react';
import './followup.css';
import { entryDateFor, withStatusEntry } from '../../model/followup-edit.ts';
import { STATUSES, type PlanFile, type PlanNode, type Status, type StatusEntry } from '../../model/schema.ts';
import { statusOverview, type ActivityOverview, type IndicatorLine } from '../../model/status-report.ts';
import { FREMDRIFT_LABELS_DA, FREMDRIFT_LABELS_EN, INDICATOR_STATUSES, INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUS_LABELS_EN, fremdriftOf, planStatus, yearOfDate } from '../../model/status.ts';
import { updateNode } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { formatDate, formatNumber, useI18n } from '../i18n.tsx';
import { FremdriftChip, IndicatorStatusChip } from './chips.tsx';
import { IndicatorChart } from './IndicatorChart.tsx';
import { MeasurementGrid } from './MeasurementGrid.tsx';
import { setFollowUpYear, useFollowUpYear } from './year.ts';

function yearChoices(plan: PlanFile, year: number): number[] {
  const years = new Set<number>([year]);
  const period = plan.plan.period;
  if (period && period.to >= period.from && period.to - period.from < 30) for (let y = period.from; y <= period.to; y++) years.add(y);
  for (const node of plan.nodes) {
    for (const t of node.targets ?? []) years.add(t.year);
    if (node.target?.year !== undefined) years.add(node.target.year);
    for (const m of node.measurements ?? []) {
      const y = yearOfDate(m.date);
      if (y !== null) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}

const value = (v: number | null | undefined, unit?: string) => (v === null || v === undefined ? '–' : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`);

function IndicatorRow({ line, year }: { line: IndicatorLine; year: number }) {
  const { t } = useI18n();
  const { node, row } = line;
  const measurements = [...(node.measurements ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <tr data-testid={`followup-row-${node.id}`}>
      <th scope="row">{node.title}{node.direction === 'ned' && <span className="muted"> ({t('lavere er bedre', 'lower is better')})</span>}</th>
      <td>{value(node.baseline?.value, node.unit)}{node.baseline?.year ? ` (${node.baseline.year})` : ''}</td>
      <td data-testid={`milestone-${node.id}`}>{value(row.milestone, node.unit)}</td>
      <td>
        {measurements.length === 0 ? '–' : (
          <ul className="measurements">
            {measurements.map((m, i) => (
              <li key={i} className={yearOfDate(m.date) === year ? 'this-year' : undefined}>
                {formatDate(m.date)}: <strong>{value(m.value, node.unit)}</strong>{m.note ? ` – ${m.note}` : ''}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td><IndicatorStatusChip status={row.status} testId={`status-${node.id}`} /></td>
      <td><IndicatorChart node={node} /></td>
    </tr>
  );
}

function IndicatorTable({ lines, year }: { lines: IndicatorLine[]; year: number }) {
  const { t } = useI18n();
  if (lines.length === 0) return <p className="muted">{t('Ingen indikatorer måler aktiviteten.', 'No indicator measures this activity.')}</p>;
  return (
    <table className="followup-table">
      <thead>
        <tr>
          <th scope="col">{t('Indikator', 'Indicator')}</th>
          <th scope="col">{t('Udgangspunkt', 'Baseline')}</th>
          <th scope="col">{t(`Delmål ${year}`, `Milestone ${year}`)}</th>
          <th scope="col">{t('Målinger', 'Measurements')}</th>
          <th scope="col">{t('Status', 'Status')}</th>
          <th scope="col">{t('Udvikling', 'Trend')}</th>
        </tr>
      </thead>
      <tbody>{lines.map((line) => <IndicatorRow key={line.node.id} line={line} year={year} />)}</tbody>
    </table>
  );
}

/**
 * A new assessment counts for the year on screen: it is dated today when today lies in that year, else 31.12 of it
 * (`entryDateFor`), the form says so, and the date can be changed within the year. Dated "today" in a past year's
 * view it would not count for that year (spec section 5) and would seem to vanish the moment it was added.
 */
function FremdriftNote({ session, node, year, readOnly }: { session: PlanSession; node: PlanNode; year: number; readOnly: boolean }) {
  const { t } = useI18n();
  // start from the judgement as of the year: a new note most often keeps it
  const [status, setStatus] = useState<Status>(fremdriftOf(node, year) ?? 'groen');
  const [note, setNote] = useState('');
  const [date, setDate] = useState(() => entryDateFor(year));
  if (readOnly) return null;
  const inYear = yearOfDate(date) === year;
  const add = () => {
    if (!inYear) return;
    session.undoManager.stopCapturing();
    updateNode(session.doc, node.id, withStatusEntry(node, { status, note, date, by: session.localOrigin.user }), session.localOrigin);
    session.undoManager.stopCapturing();
    setNote('');
  };
  const hintId = `fremdrift-date-hint-${node.id}`;
  return (
    <form className="fremdrift-form" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <label>
        {t('Ny vurdering', 'New assessment')}
        <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {STATUSES.map((s) => <option key={s} value={s}>{t(FREMDRIFT_LABELS_DA[s], FREMDRIFT_LABELS_EN[s])}</option>)}
        </select>
      </label>
      <label className="grow">
        {t('Note', 'Note')}
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('Hvad går godt, hvad halter?', 'What goes well, what lags?')} />
      </label>
      <label>
        {t('Dato', 'Date')}
        <input type="date" value={date} min={`${year}-01-01`} max={`${year}-12-31`} required aria-describedby={hintId}
          aria-invalid={inYear ? undefined : true} onChange={(e) => setDate(e.target.value)} />
      </label>
      <button type="submit" disabled={!inYear}>{t('Tilføj vurdering', 'Add assessment')}</button>
      <p id={hintId} className={inYear ? 'fremdrift-date-hint muted' : 'fremdrift-date-hint cell-error'} role={inYear ? undefined : 'alert'}>
        {inYear
          ? t(`Vurderingen dateres ${formatDate(date)} og tæller for ${year}.`, `The assessment is dated ${formatDate(date)} and counts for ${year}.`)
          : t(`Vælg en dato i ${year}: vurderingen skal tælle for det år, du ser.`, `Choose a date in ${year}: the assessment must count for the year on screen.`)}
      </p>
    </form>
  );
}

/** One line of the fremdrift history. */
function StatusEntryItem({ entry }: { entry: StatusEntry }) {
  const { t } = useI18n();
  return <li>{formatDate(entry.date)} · {t(FREMDRIFT_LABELS_DA[entry.status], FREMDRIFT_LABELS_EN[entry.status])}{entry.by ? ` · ${entry.by}` : ''}{entry.note ? `: ${entry.note}` : ''}</li>;
}

/** The history beside the judgement as of the year: earlier ones (newest first), and those dated after the year apart. */
function StatusHistory({ activity, year }: { activity: ActivityOverview; year: number }) {
  const { t } = useI18n();
  const byDateDesc = [...(activity.node.statusLog ?? [])].reverse().sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
  const later = byDateDesc.filter((e) => (yearOfDate(e.date) ?? 0) > year);
  const earlier = byDateDesc.filter((e) => e !== activity.latest && !later.includes(e));
  return (
    <>
      {earlier.length > 0 && (
        <details>
          <summary>{t(`Tidligere vurderinger (${earlier.length})`, `Earlier assessments (${earlier.length})`)}</summary>
          <ul>{earlier.map((entry, i) => <StatusEntryItem key={i} entry={entry} />)}</ul>
        </details>
      )}
      {later.length > 0 && (
        <details data-testid={`later-assessments-${activity.node.id}`}>
          <summary>{t(`Vurderinger efter ${year} (${later.length}) – tæller ikke for ${year}`, `Assessments after ${year} (${later.length}) – not counted for ${year}`)}</summary>
          <ul>{later.map((entry, i) => <StatusEntryItem key={i} entry={entry} />)}</ul>
        </details>
      )}
    </>
  );
}

function ActivitySection({ session, activity, year, readOnly }: { session: PlanSession; activity: ActivityOverview; year: number; readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <article className="followup-activity" aria-label={activity.node.title} data-testid={`followup-activity-${activity.node.id}`}>
      <header>
        <h4>{activity.node.title}</h4>
        <span>{t('Fremdrift', 'Progress')}: <FremdriftChip status={activity.fremdrift} testId={`fremdrift-${activity.node.id}`} /></span>
        {activity.latest && (
          <span className="muted">
            {formatDate(activity.latest.date)}{activity.latest.by ? `, ${activity.latest.by}` : ''}{activity.latest.note ? `: ${activity.latest.note}` : ''}
          </span>
        )}
      </header>
      <StatusHistory activity={activity} year={year} />
      <FremdriftNote key={year} session={session} node={activity.node} year={year} readOnly={readOnly} />
      <IndicatorTable lines={activity.indicators} year={year} />
    </article>
  );
}

export function FollowUpView({ session, plan, readOnly }: { session: PlanSession; plan: PlanFile; readOnly: boolean }) {
  const { t } = useI18n();
  const year = useFollowUpYear();
  const status = useMemo(() => planStatus(plan, year), [plan, year]);
  const overview = useMemo(() => statusOverview(plan, status), [plan, status]);
  const indicators = useMemo(() => plan.nodes.filter((n) => n.kind === 'indikator'), [plan.nodes]);
  const totals = useMemo(() => {
    const counts = { naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
    for (const row of status.indicators) counts[row.status]++;
    return counts;
  }, [status]);
  const report = () => {
    const a = document.createElement('a');
    a.href = `/api/plans/${session.planId}/export?format=statusrapport&year=${year}&token=${encodeURIComponent(session.token)}`;
    a.download = '';
    a.click();
  };
  return (
    <div className="followup" data-testid="followup">
      <header className="followup-head">
        <h2>{t(`Opfølgning ${year}`, `Follow-up ${year}`)}</h2>
        <label>
          {t('År', 'Year')}
          <select value={year} onChange={(e) => setFollowUpYear(Number(e.target.value))}>
            {yearChoices(plan, year).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <button type="button" onClick={report} data-testid="export-statusrapport">{t(`Statusrapport ${year} (Word)`, `Status report ${year} (Word)`)}</button>
      </header>
      <p className="followup-totals" data-testid="followup-totals">
        {INDICATOR_STATUSES.map((s) => (
          <span key={s}><IndicatorStatusChip status={s} /> {totals[s]}</span>
        ))}
      </p>
      <details className="followup-entry" open={!readOnly}>
        <summary><h3>{t(`Hurtig indtastning ${year}`, `Quick entry ${year}`)}</h3></summary>
        <p className="muted">{t('Tab flytter til højre, Enter ned. Skriv tal med komma: 12,5. Tom celle sletter tallet.', 'Tab moves right, Enter down. Decimal comma: 12,5. An empty cell removes the figure.')}</p>
        <MeasurementGrid session={session} indicators={indicators} year={year} readOnly={readOnly} />
      </details>
      {overview.focusAreas.map((group) => (
        <section key={group.area?.id ?? 'none'} className="followup-area" aria-label={group.area?.title ?? t('Uden indsatsområde', 'No focus area')}>
          <h3>{group.area ? `${t('Indsatsområde', 'Focus area')}: ${group.area.title}` : t('Uden indsatsområde', 'No focus area')}</h3>
          {group.activities.map((activity) => <ActivitySection key={activity.node.id} session={session} activity={activity} year={year} readOnly={readOnly} />)}
        </section>
      ))}
      {overview.goals.length > 0 && (
        <section className="followup-goals" aria-label={t('Mål', 'Goals')}>
          <h3>{t('Mål', 'Goals')}</h3>
          <table className="followup-table" data-testid="followup-goals">
            <thead>
              <tr>
                <th scope="col">{t('Mål', 'Goal')}</th>
                {INDICATOR_STATUSES.map((s) => <th key={s} scope="col">{t(INDICATOR_STATUS_LABELS_DA[s], INDICATOR_STATUS_LABELS_EN[s])}</th>)}
                <th scope="col">{t('Indikatorer bag', 'Indicators behind')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.goals.map((goal) => (
                <tr key={goal.node.id} data-testid={`goal-row-${goal.node.id}`}>
                  <th scope="row">{goal.node.title}</th>
                  {INDICATOR_STATUSES.map((s) => <td key={s} className="num">{goal.counts[s]}</td>)}
                  <td>
                    {goal.indicators.length === 0 ? <span className="muted">{t('ingen', 'none')}</span> : (
                      <ul className="goal-indicators">
                        {goal.indicators.map((line) => <li key={line.node.id}><IndicatorStatusChip status={line.row.status} /> {line.node.title}</li>)}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
