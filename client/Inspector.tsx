/** Edits every field the spec gives the selected node's kind, or the selected edge. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { checkEdge } from '../model/grammar.ts';
import { ANCHORING_STRATEGIES, EDGE_KINDS, HORIZONS, STATUSES, type EdgeKind, type PlanEdge, type PlanFile, type PlanNode, type ValueYear } from '../model/schema.ts';
import { removeEdge, removeNode, updateEdge, updateNode } from '../model/ydoc.ts';
import { announce, focusCard } from './announce.tsx';
import type { PlanSession } from './connection.ts';
import { parseDanishNumber } from '../model/format.ts';
import { LinkFields } from './LinkFields.tsx';
import { formatDate, formatNumber, useI18n } from './i18n.tsx';
import { ANCHORING_LOOKS, EDGE_LOOKS, KIND_LOOKS, STATUS_LOOKS } from './kinds.ts';

interface FieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  readOnly: boolean;
  multiline?: boolean;
  validate?: (value: string) => string | null;
  /** What the field shows once its text is accepted (a number as it was understood: "1234" → "1.234"). */
  reformat?: (value: string) => string;
  testId?: string;
  /** after Enter has written the value (the title: the focus goes back to the card) */
  onEnter?: () => void;
}

/** A text field that edits locally and writes once on blur or Enter; follows remote changes while not focused. */
export function Field({ label, value, onCommit, readOnly, multiline, validate, reformat, testId, onEnter }: FieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  const commit = () => {
    const problem = validate?.(draft) ?? null;
    setError(problem);
    if (problem) return;
    if (draft !== value) onCommit(draft);
    if (reformat) setDraft(reformat(draft));
  };
  const common = {
    id,
    value: draft,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'data-testid': testId,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      commit();
    },
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input {...common} onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          (event.target as HTMLInputElement).blur();
          onEnter?.();
        }} />
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function Select<T extends string>({ label, value, options, onChange, readOnly, allowEmpty, testId }: {
  label: string;
  value: T | undefined;
  options: { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
  readOnly: boolean;
  allowEmpty?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} disabled={readOnly} data-testid={testId}
        onChange={(event) => onChange(event.target.value === '' ? undefined : (event.target.value as T))}>
        {allowEmpty !== undefined && <option value="">{allowEmpty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="inspector-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

const listText = (items: string[] | undefined) => (items ?? []).join('\n');
const textList = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);
const optional = (text: string) => (text.trim() === '' ? undefined : text);

export function Inspector({ session, plan, node, edge, readOnly }: {
  session: PlanSession;
  plan: PlanFile;
  node: PlanNode | undefined;
  edge: PlanEdge | undefined;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  // keyed by card: a field never carries another card's draft or caret over when the selection changes
  if (node) return <NodeInspector key={node.id} session={session} plan={plan} node={node} readOnly={readOnly} />;
  if (edge) return <EdgeInspector session={session} plan={plan} edge={edge} readOnly={readOnly} />;
  return <p className="muted inspector-empty">{t('Vælg et kort eller en forbindelse for at redigere.', 'Select a card or a connection to edit it.')}</p>;
}

function NodeInspector({ session, plan, node, readOnly }: { session: PlanSession; plan: PlanFile; node: PlanNode; readOnly: boolean }) {
  const { t } = useI18n();
  const look = KIND_LOOKS[node.kind];
  // each field written is an undo step of its own (a fast keyboard would otherwise merge it with the next action)
  const update = (patch: Partial<PlanNode>) => {
    session.undoManager.stopCapturing();
    updateNode(session.doc, node.id, patch, session.localOrigin);
  };
  const numberCheck = (text: string) => {
    const parsed = parseDanishNumber(text);
    return parsed.ok ? null : parsed.reason;
  };
  const numberShown = (text: string) => {
    const parsed = parseDanishNumber(text);
    return parsed.ok && parsed.value !== null ? formatNumber(parsed.value, { exact: true }) : text.trim();
  };
  const numberOf = (text: string) => {
    const parsed = parseDanishNumber(text);
    return parsed.ok && parsed.value !== null ? parsed.value : undefined;
  };
  const yearCheck = (text: string) => (text.trim() === '' || /^\d{4}$/.test(text.trim()) ? null : t('Skriv et årstal, fx 2027', 'Enter a year, e.g. 2027'));
  const valueYear = (current: ValueYear | undefined, key: 'value' | 'year', text: string): ValueYear | undefined => {
    const next = { ...current, [key]: text.trim() === '' ? undefined : key === 'year' ? Number(text) : numberOf(text) };
    if (next[key] === undefined) delete next[key];
    return next.value === undefined && next.year === undefined ? undefined : next;
  };
  return (
    <div className="inspector" aria-label={t('Egenskaber', 'Properties')} data-node-id={node.id}>
      <h2 style={{ color: look.color }}>
        {look.icon} {t(look.da, look.en)}
      </h2>
      <Field label={t('Titel', 'Title')} value={node.title} readOnly={readOnly} onCommit={(title) => update({ title })} testId="inspector-title" onEnter={() => focusCard(node.id)} />
      <LinkFields session={session} plan={plan} node={node} readOnly={readOnly} />
      <Select
        label={t('Indsatsområde', 'Focus area')}
        value={node.focusArea}
        allowEmpty={t('(intet)', '(none)')}
        options={(plan.focusAreas ?? []).map((a) => ({ value: a.id, label: a.title }))}
        onChange={(focusArea) => update({ focusArea })}
        readOnly={readOnly}
        testId="inspector-focus-area"
      />
      <Field label={t('Beskrivelse / formål', 'Description / purpose')} value={node.description ?? ''} multiline readOnly={readOnly}
        onCommit={(v) => update({ description: optional(v) })} />
      {node.kind === 'aktivitet' && (
        <>
          <Field label={t('Målgruppe', 'Target group')} value={node.targetGroup ?? ''} readOnly={readOnly} onCommit={(v) => update({ targetGroup: optional(v) })} />
          <Field label={t('Ansvarlig', 'Responsible')} value={node.responsible ?? ''} readOnly={readOnly} onCommit={(v) => update({ responsible: optional(v) })} />
          <Field label={t('Samarbejdsrelationer (én pr. linje)', 'Partners (one per line)')} value={listText(node.partners)} multiline readOnly={readOnly}
            onCommit={(v) => update({ partners: textList(v).length ? textList(v) : undefined })} />
          <Field label={t('Medarbejderressourcer', 'Staff resources')} value={node.resources ?? ''} readOnly={readOnly} onCommit={(v) => update({ resources: optional(v) })} />
          <Field label={t('Lokal evaluering', 'Local evaluation')} value={node.localEvaluation ?? ''} multiline readOnly={readOnly}
            onCommit={(v) => update({ localEvaluation: optional(v) })} />
          <Section title={t('Forankring', 'Anchoring')}>
            <Select
              label={t('Strategi', 'Strategy')}
              value={node.anchoring?.strategy}
              allowEmpty={t('(ikke afklaret)', '(not decided)')}
              options={ANCHORING_STRATEGIES.map((s) => ({ value: s, label: t(ANCHORING_LOOKS[s].da, ANCHORING_LOOKS[s].en) }))}
              onChange={(strategy) => update({ anchoring: { ...node.anchoring, strategy } })}
              readOnly={readOnly}
              testId="inspector-anchoring"
            />
            <Field label={t('Partner', 'Partner')} value={node.anchoring?.partner ?? ''} readOnly={readOnly}
              onCommit={(v) => update({ anchoring: { ...node.anchoring, partner: optional(v) } })} />
            <Field label={t('Note', 'Note')} value={node.anchoring?.note ?? ''} multiline readOnly={readOnly}
              onCommit={(v) => update({ anchoring: { ...node.anchoring, note: optional(v) } })} />
          </Section>
          <Select
            label={t('Fremdrift', 'Progress')}
            value={node.status}
            allowEmpty={t('(ikke vurderet)', '(not assessed)')}
            options={STATUSES.map((s) => ({ value: s, label: t(STATUS_LOOKS[s].da, STATUS_LOOKS[s].en) }))}
            onChange={(status) => update({ status })}
            readOnly={readOnly}
            testId="inspector-status"
          />
        </>
      )}
      {node.kind === 'maal' && (
        <>
          <Select label={t('Tidshorisont', 'Horizon')} value={node.horizon} allowEmpty={t('(ikke angivet)', '(not set)')}
            options={HORIZONS.map((h) => ({ value: h, label: h === 'kort' ? t('Kort sigt', 'Short term') : t('Lang sigt', 'Long term') }))}
            onChange={(horizon) => update({ horizon })} readOnly={readOnly} />
          <label className="checkbox">
            <input type="checkbox" checked={node.external === true} disabled={readOnly} onChange={(e) => update({ external: e.target.checked || undefined })} />
            {t('Eksternt mål (kommune eller stat)', 'External goal (municipal or national)')}
          </label>
        </>
      )}
      {node.kind === 'indikator' && (
        <>
          <Field label={t('Enhed', 'Unit')} value={node.unit ?? ''} readOnly={readOnly} onCommit={(v) => update({ unit: optional(v) })} />
          <Section title={t('Udgangspunkt', 'Baseline')}>
            <Field label={t('Værdi', 'Value')} value={node.baseline?.value !== undefined ? formatNumber(node.baseline.value, { exact: true }) : ''} readOnly={readOnly}
              validate={numberCheck} reformat={numberShown} onCommit={(v) => update({ baseline: valueYear(node.baseline, 'value', v) })} testId="inspector-baseline-value" />
            <Field label={t('År', 'Year')} value={node.baseline?.year?.toString() ?? ''} readOnly={readOnly}
              validate={yearCheck} onCommit={(v) => update({ baseline: valueYear(node.baseline, 'year', v) })} />
          </Section>
          <Section title={t('Succeskriterium (målværdi)', 'Target')}>
            <Field label={t('Værdi', 'Value')} value={node.target?.value !== undefined ? formatNumber(node.target.value, { exact: true }) : ''} readOnly={readOnly}
              validate={numberCheck} reformat={numberShown} onCommit={(v) => update({ target: valueYear(node.target, 'value', v) })} testId="inspector-target-value" />
            <Field label={t('År', 'Year')} value={node.target?.year?.toString() ?? ''} readOnly={readOnly}
              validate={yearCheck} onCommit={(v) => update({ target: valueYear(node.target, 'year', v) })} />
          </Section>
          <Field label={t('Datakilde', 'Data source')} value={node.source ?? ''} readOnly={readOnly} onCommit={(v) => update({ source: optional(v) })} />
          <Field label={t('Hyppighed', 'Frequency')} value={node.frequency ?? ''} readOnly={readOnly} onCommit={(v) => update({ frequency: optional(v) })} />
          <Measurements node={node} readOnly={readOnly} onChange={(measurements) => update({ measurements: measurements.length ? measurements : undefined })} />
        </>
      )}
      {!readOnly && (
        <button type="button" className="danger" data-testid="delete-node" onClick={() => {
          session.undoManager.stopCapturing();
          removeNode(session.doc, node.id, session.localOrigin);
          announce(t(`Kortet »${node.title}« er slettet. Ctrl+Z fortryder.`, `The card »${node.title}« is deleted. Ctrl+Z undoes.`));
        }}>
          {t('Slet kort', 'Delete card')}
        </button>
      )}
    </div>
  );
}

function Measurements({ node, readOnly, onChange }: { node: PlanNode; readOnly: boolean; onChange: (m: NonNullable<PlanNode['measurements']>) => void }) {
  const { t } = useI18n();
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = node.measurements ?? [];
  const add = () => {
    const parsed = parseDanishNumber(value);
    if (!parsed.ok) return setError(parsed.reason);
    if (parsed.value === null) return setError(t('Skriv et tal, fx 31', 'Enter a number, e.g. 31'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError(t('Vælg en dato', 'Pick a date'));
    setError(null);
    setValue('');
    onChange([...list, { date, value: parsed.value }].sort((a, b) => a.date.localeCompare(b.date)));
  };
  return (
    <Section title={t('Målinger', 'Measurements')}>
      {list.length === 0 && <p className="muted">{t('Ingen målinger endnu.', 'No measurements yet.')}</p>}
      <ul className="measurements">
        {list.map((m, index) => (
          <li key={`${m.date}-${index}`}>
            {formatDate(m.date)}: <strong>{formatNumber(m.value)}</strong> {node.unit}
            {!readOnly && (
              <button type="button" className="link" aria-label={t('Fjern måling', 'Remove measurement')} onClick={() => onChange(list.filter((_, i) => i !== index))}>
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="measurement-add">
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('Dato', 'Date')} />
          <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('Værdi', 'Value')} aria-label={t('Værdi', 'Value')} />
          <button type="button" onClick={add}>{t('Tilføj', 'Add')}</button>
          {error && <div className="field-error" role="alert">{error}</div>}
        </div>
      )}
    </Section>
  );
}

function EdgeInspector({ session, plan, edge, readOnly }: { session: PlanSession; plan: PlanFile; edge: PlanEdge; readOnly: boolean }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const from = plan.nodes.find((n) => n.id === edge.from);
  const to = plan.nodes.find((n) => n.id === edge.to);
  const update = (patch: Partial<PlanEdge>) => updateEdge(session.doc, edge.id!, patch, session.localOrigin);
  const changeKind = (kind: EdgeKind | undefined) => {
    if (!kind || !from || !to) return;
    const verdict = checkEdge({ kind, fromKind: from.kind, toKind: to.kind });
    if (!verdict.allowed) return setError(verdict.reason);
    setError(null);
    update({ kind });
  };
  return (
    <div className="inspector" aria-label={t('Forbindelse', 'Connection')}>
      <h2>{t('Forbindelse', 'Connection')}</h2>
      <p>
        <strong>{from?.title}</strong> → <strong>{to?.title}</strong>
      </p>
      <Select label={t('Slags', 'Kind')} value={edge.kind} options={EDGE_KINDS.map((k) => ({ value: k, label: t(EDGE_LOOKS[k].da, EDGE_LOOKS[k].en) }))}
        onChange={changeKind} readOnly={readOnly} />
      {error && <div className="field-error" role="alert">{error}</div>}
      <Field label={t('Begrundelse: hvorfor fører det ene til det andet?', 'Rationale: why does one lead to the other?')} value={edge.rationale ?? ''}
        multiline readOnly={readOnly} onCommit={(v) => update({ rationale: optional(v) })} testId="inspector-rationale" />
      <Field label={t('Antagelser (én pr. linje)', 'Assumptions (one per line)')} value={listText(edge.assumptions)} multiline readOnly={readOnly}
        onCommit={(v) => update({ assumptions: textList(v).length ? textList(v) : undefined })} />
      {!readOnly && (
        <button type="button" className="danger" onClick={() => {
          session.undoManager.stopCapturing();
          removeEdge(session.doc, edge.id!, session.localOrigin);
          announce(t('Forbindelsen er slettet. Ctrl+Z fortryder.', 'The link is deleted. Ctrl+Z undoes.'));
        }}>
          {t('Slet forbindelse', 'Delete connection')}
        </button>
      )}
    </div>
  );
}
