/** Status chips: colour AND word, never colour alone (shared by the Opfølgning view and the canvas cards). */
import type { Status } from '../../model/schema.ts';
import {
  FREMDRIFT_COLOURS,
  FREMDRIFT_LABELS_DA,
  FREMDRIFT_LABELS_EN,
  INDICATOR_STATUS_COLOURS,
  INDICATOR_STATUS_STRIPE,
  INDICATOR_STATUS_LABELS_DA,
  INDICATOR_STATUS_LABELS_EN,
  type IndicatorStatus,
} from '../../model/status.ts';
import { useI18n } from '../i18n.tsx';

/** "Ikke målt" is striped as well as blue: apart from "Gul" and the others also without colour vision. */
const STRIPES = { backgroundImage: `repeating-linear-gradient(135deg, transparent 0 3px, ${INDICATOR_STATUS_STRIPE} 3px 5px)` };

export function IndicatorStatusChip({ status, testId }: { status: IndicatorStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`chip chip-${status}`} style={{ backgroundColor: INDICATOR_STATUS_COLOURS[status], ...(status === 'ikke-maalt' ? STRIPES : {}) }}
      data-testid={testId} data-status={status}>
      {t(INDICATOR_STATUS_LABELS_DA[status], INDICATOR_STATUS_LABELS_EN[status])}
    </span>
  );
}

export function FremdriftChip({ status, testId }: { status: Status | null; testId?: string }) {
  const { t } = useI18n();
  if (!status) return <span className="chip chip-none" data-testid={testId}>{t('Ikke vurderet', 'Not assessed')}</span>;
  return (
    <span className={`chip chip-fremdrift-${status}`} style={{ background: FREMDRIFT_COLOURS[status], color: status === 'gul' ? '#1d1d1d' : '#fff' }}
      data-testid={testId} data-status={status}>
      {t(FREMDRIFT_LABELS_DA[status], FREMDRIFT_LABELS_EN[status])}
    </span>
  );
}
