/** The left column: add a card of a kind (in the chosen focus area), undo and redo, tidy up. */
import type { NodeKind, PlanFile } from '../model/schema.ts';
import { useEffect, useRef } from 'react';
import { useI18n } from './i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from './kinds.ts';

export function Palette({ plan, readOnly, lockedKinds, focusArea, onFocusArea, onAdd, onUndo, onRedo, onLayout }: {
  plan: PlanFile;
  readOnly: boolean;
  lockedKinds: ReadonlySet<string>;
  focusArea: string;
  onFocusArea: (id: string) => void;
  onAdd: (kind: NodeKind) => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
}) {
  const { t } = useI18n();
  useNewFocusAreaForNewCards(plan, focusArea, onFocusArea);
  return (
    <aside className="palette" aria-label={t('Tilføj', 'Add')}>
      <h2>{t('Tilføj', 'Add')}</h2>
      {NODE_KIND_ORDER.map((kind) => (
        <button key={kind} type="button" className="palette-item" style={{ borderLeftColor: KIND_LOOKS[kind].color }} onClick={() => onAdd(kind)} disabled={readOnly || lockedKinds.has(kind)}
          data-testid={`add-${kind}`} title={t(`Tast ${KIND_LOOKS[kind].key}`, `Key ${KIND_LOOKS[kind].key}`)}>
          <span aria-hidden>{KIND_LOOKS[kind].icon}</span> {t(KIND_LOOKS[kind].da, KIND_LOOKS[kind].en)} <kbd>{KIND_LOOKS[kind].key}</kbd>
        </button>
      ))}
      <label className="field">
        {t('Nye kort i', 'New cards in')}
        <select value={focusArea} onChange={(e) => onFocusArea(e.target.value)} data-testid="focus-area-select">
          <option value="">{t('(intet indsatsområde)', '(no focus area)')}</option>
          {(plan.focusAreas ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
        </select>
      </label>
      <h2>{t('Rediger', 'Edit')}</h2>
      <button type="button" onClick={onUndo} data-testid="undo" title="Ctrl+Z">↶ {t('Fortryd', 'Undo')}</button>
      <button type="button" onClick={onRedo} data-testid="redo" title="Ctrl+Shift+Z">↷ {t('Gentag', 'Redo')}</button>
      <button type="button" onClick={onLayout} data-testid="layout">⇶ {t('Ryd op (auto-layout)', 'Tidy up (auto-layout)')}</button>
    </aside>
  );
}

/**
 * A newcomer who has just created an indsatsområde expects the next cards to go in it: while none is chosen, a
 * single focus area that appears (created here or by someone else, or the only one of the plan on arrival) becomes
 * the one new cards go in. A choice made by hand, "(intet)" too, is kept until then; a chosen focus area that is
 * deleted falls back to none.
 */
function useNewFocusAreaForNewCards(plan: PlanFile, focusArea: string, onFocusArea: (id: string) => void) {
  const ids = (plan.focusAreas ?? []).map((area) => area.id);
  const known = useRef<ReadonlySet<string>>(new Set());
  const key = ids.join('\n');
  useEffect(() => {
    const previous = known.current;
    known.current = new Set(ids);
    if (focusArea) {
      if (!ids.includes(focusArea)) onFocusArea('');
      return;
    }
    const added = ids.filter((id) => !previous.has(id));
    if (added.length === 1) onFocusArea(added[0]!);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ids are compared by value (key)
  }, [key]);
}
