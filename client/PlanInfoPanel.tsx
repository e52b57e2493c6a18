/**
 * The plan panel: what the plan is (title, organisation, area, period, vision) and its focus areas (name,
 * purpose, problem). Every field writes to the shared doc on blur, so everyone sees it at once, and every export
 * reads it from there.
 */
import { useState } from 'react';
import type { FocusArea, PlanFile, PlanInfo } from '../model/schema.ts';
import { addFocusArea, newId, removeFocusArea, updateFocusArea, updatePlanInfo } from '../model/ydoc.ts';
import type { PlanSession } from './connection.ts';
import { useI18n } from './i18n.tsx';
import { Field } from './Inspector.tsx';

const optional = (value: string) => (value.trim() ? value.trim() : undefined);
const lines = (value: string) => value.split('\n').map((l) => l.trim()).filter(Boolean);

function yearProblem(value: string, t: (da: string, en: string) => string): string | null {
  return value.trim() === '' || /^\d{4}$/.test(value.trim()) ? null : t('Skriv et årstal med fire cifre, fx 2027.', 'Write a four-digit year, e.g. 2027.');
}

export function PlanInfoPanel({ session, plan, readOnly, onClose }: { session: PlanSession; plan: PlanFile; readOnly: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const info = plan.plan;
  const update = (patch: Partial<PlanInfo>) => updatePlanInfo(session.doc, patch, session.localOrigin);
  // a period needs both years; while one is missing the other is kept in the panel only
  const [pendingYears, setPendingYears] = useState<{ from?: number; to?: number }>({});
  const setYear = (end: 'from' | 'to', value: string) => {
    const year = value.trim() ? Number(value.trim()) : undefined;
    const next = { from: info.period?.from ?? pendingYears.from, to: info.period?.to ?? pendingYears.to, [end]: year };
    if (next.from !== undefined && next.to !== undefined) {
      update({ period: { from: Math.min(next.from, next.to), to: Math.max(next.from, next.to) } });
      setPendingYears({});
    } else {
      if (info.period) update({ period: undefined });
      setPendingYears(next);
    }
  };
  const yearValue = (end: 'from' | 'to') => String(info.period?.[end] ?? pendingYears[end] ?? '');
  return (
    <section className="plan-panel" role="dialog" aria-modal="false" aria-labelledby="plan-panel-title" data-testid="plan-panel">
      <header>
        <h2 id="plan-panel-title">{t('Planen', 'The plan')}</h2>
        <button type="button" onClick={onClose} data-testid="plan-panel-close">{t('Luk', 'Close')}</button>
      </header>
      <p className="muted">{t('Det, I skriver her, står i Word-filen og de andre eksporter. Alle ser ændringerne med det samme.', 'What you write here goes into the Word file and the other exports. Everyone sees changes at once.')}</p>
      <Field label={t('Planens titel', 'Title of the plan')} value={info.title} readOnly={readOnly}
        validate={(v) => (v.trim() ? null : t('Planen skal have en titel.', 'The plan needs a title.'))} onCommit={(title) => update({ title: title.trim() })} />
      <Field label={t('Boligorganisation', 'Housing organisation')} value={info.organisation ?? ''} readOnly={readOnly} onCommit={(v) => update({ organisation: optional(v) })} />
      <Field label={t('Boligområde', 'Housing area')} value={info.area ?? ''} readOnly={readOnly} onCommit={(v) => update({ area: optional(v) })} />
      <div className="period">
        <Field label={t('Periode fra (år)', 'Period from (year)')} value={yearValue('from')} readOnly={readOnly} validate={(v) => yearProblem(v, t)} onCommit={(v) => setYear('from', v)} />
        <Field label={t('til (år)', 'to (year)')} value={yearValue('to')} readOnly={readOnly} validate={(v) => yearProblem(v, t)} onCommit={(v) => setYear('to', v)} />
      </div>
      <Field label={t('Vision', 'Vision')} value={info.vision ?? ''} readOnly={readOnly} multiline onCommit={(v) => update({ vision: optional(v) })} />
      <h2>{t('Indsatsområder', 'Focus areas')}</h2>
      {(plan.focusAreas ?? []).map((area) => <FocusAreaFields key={area.id} session={session} area={area} readOnly={readOnly} />)}
      {!readOnly && <NewFocusArea session={session} />}
    </section>
  );
}

function FocusAreaFields({ session, area, readOnly }: { session: PlanSession; area: FocusArea; readOnly: boolean }) {
  const { t } = useI18n();
  const update = (patch: Partial<FocusArea>) => updateFocusArea(session.doc, area.id, patch, session.localOrigin);
  return (
    <fieldset className="focus-area" aria-label={area.title}>
      <legend>{area.title}</legend>
      <Field label={t('Navn', 'Name')} value={area.title} readOnly={readOnly}
        validate={(v) => (v.trim() ? null : t('Indsatsområdet skal have et navn.', 'The focus area needs a name.'))} onCommit={(title) => update({ title: title.trim() })} />
      <Field label={t('Formål (ét pr. linje)', 'Purpose (one per line)')} value={(area.purpose ?? []).join('\n')} readOnly={readOnly} multiline
        onCommit={(v) => update({ purpose: lines(v).length ? lines(v) : undefined })} />
      <Field label={t('Problemkompleks', 'Problem')} value={area.problem ?? ''} readOnly={readOnly} multiline onCommit={(v) => update({ problem: optional(v) })} />
      {!readOnly && (
        <button type="button" className="link" onClick={() => removeFocusArea(session.doc, area.id, session.localOrigin)}>
          {t(`Fjern indsatsområdet ${area.title}`, `Remove the focus area ${area.title}`)}
        </button>
      )}
    </fieldset>
  );
}

function NewFocusArea({ session }: { session: PlanSession }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  return (
    <form className="row" onSubmit={(e) => {
      e.preventDefault();
      if (!name.trim()) return;
      addFocusArea(session.doc, { id: newId('io'), title: name.trim() }, session.localOrigin);
      setName('');
    }}>
      <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder={t('fx Børn, unge og familier', 'e.g. Children and families')} aria-label={t('Nyt indsatsområde', 'New focus area')} />
      <button type="submit">{t('Tilføj indsatsområde', 'Add focus area')}</button>
    </form>
  );
}
