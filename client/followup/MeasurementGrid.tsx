/**
 * Fast entry of one year's milestones and measurements: a row per indikator. Tab moves across, Enter down;
 * numbers the Danish way ("12,5"); bad input stays in its cell with the reason, nothing is written. Each
 * committed cell is one undo step of this person (the session's origin), and live for everyone at once.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { entryDateFor, withMeasurement, withMilestone } from '../../model/followup-edit.ts';
import { parseDanishNumber } from '../../model/format.ts';
import type { PlanNode } from '../../model/schema.ts';
import { measurementOf, milestoneOf } from '../../model/status.ts';
import { updateNode } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { formatNumber, useI18n } from '../i18n.tsx';

type Column = 'milestone' | 'measured';
const COLUMNS: Column[] = ['milestone', 'measured'];

function shown(value: number | null): string {
  return value === null ? '' : formatNumber(value, { exact: true });
}

export function MeasurementGrid({ session, indicators, year, readOnly }: { session: PlanSession; indicators: PlanNode[]; year: number; readOnly: boolean }) {
  const { t } = useI18n();
  const table = useRef<HTMLTableElement>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const key = (id: string, column: Column) => `${id}:${column}:${year}`;

  const commit = (node: PlanNode, column: Column, text: string): boolean => {
    const cell = key(node.id, column);
    const parsed = parseDanishNumber(text);
    if (!parsed.ok) {
      setErrors((e) => ({ ...e, [cell]: parsed.reason }));
      return false;
    }
    setErrors(({ [cell]: _gone, ...rest }) => rest);
    setDrafts(({ [cell]: _gone, ...rest }) => rest);
    const current = column === 'milestone' ? milestoneOf(node, year) : measurementOf(node, year)?.value ?? null;
    if (parsed.value === current) return true;
    const patch = column === 'milestone'
      ? withMilestone(node, year, parsed.value)
      : withMeasurement(node, year, parsed.value, entryDateFor(year));
    session.undoManager.stopCapturing();
    updateNode(session.doc, node.id, patch, session.localOrigin);
    session.undoManager.stopCapturing();
    return true;
  };

  const move = (row: number, column: number) => {
    const input = table.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${column}"]`);
    input?.focus();
    input?.select();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, node: PlanNode, row: number, column: number) => {
    if (event.key === 'Escape') {
      const cell = key(node.id, COLUMNS[column]!);
      setDrafts(({ [cell]: _gone, ...rest }) => rest);
      setErrors(({ [cell]: _gone, ...rest }) => rest);
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (commit(node, COLUMNS[column]!, event.currentTarget.value)) move(event.shiftKey ? row - 1 : row + 1, column);
  };

  if (indicators.length === 0) return <p className="muted">{t('Planen har ingen indikatorer endnu.', 'The plan has no indicators yet.')}</p>;
  return (
    <table className="followup-grid" ref={table} aria-label={t(`Indtast delmål og målinger for ${year}`, `Enter milestones and measurements for ${year}`)}>
      <thead>
        <tr>
          <th scope="col">{t('Indikator', 'Indicator')}</th>
          <th scope="col">{t(`Delmål ${year}`, `Milestone ${year}`)}</th>
          <th scope="col">{t(`Måling ${year}`, `Measurement ${year}`)}</th>
        </tr>
      </thead>
      <tbody>
        {indicators.map((node, row) => (
          <tr key={node.id}>
            <th scope="row">{node.title}{node.unit ? <span className="muted"> ({node.unit})</span> : null}</th>
            {COLUMNS.map((column, col) => {
              const cell = key(node.id, column);
              const value = column === 'milestone' ? milestoneOf(node, year) : measurementOf(node, year)?.value ?? null;
              const error = errors[cell];
              const label = column === 'milestone' ? t(`Delmål ${year} for ${node.title}`, `Milestone ${year} for ${node.title}`) : t(`Måling ${year} for ${node.title}`, `Measurement ${year} for ${node.title}`);
              return (
                <td key={column} className={error ? 'invalid' : undefined}>
                  <input type="text" inputMode="decimal" aria-label={label} data-row={row} data-col={col} readOnly={readOnly}
                    value={drafts[cell] ?? shown(value)} aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${cell}-error` : undefined}
                    onChange={(e) => setDrafts((d) => ({ ...d, [cell]: e.target.value }))}
                    onBlur={(e) => { if (drafts[cell] !== undefined && !readOnly) commit(node, column, e.target.value); }}
                    onKeyDown={(e) => onKeyDown(e, node, row, col)} />
                  {error && <span className="cell-error" id={`${cell}-error`} role="alert">{error}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
