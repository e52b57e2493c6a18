/** The left column: add a card of a kind (in the chosen focus area), undo and redo, tidy up. */
import type { NodeKind, PlanFile } from '../model/schema.ts';
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
