/**
 * The connection badge of the top bar and the phone: a dot, and words when the plan is not connected. When the
 * server closed the connection with a reason, the words are that reason's (CLOSE_REASONS in model/protocol.ts,
 * Danish and English there), so each refusal is explained once, in one table.
 */
import { CLOSE_REASONS } from '../model/protocol.ts';
import type { PlanSession } from './connection.ts';
import { useConnectionStatus } from './hooks.ts';
import { useI18n } from './i18n.tsx';

export function ConnectionBadge({ session, compact = false }: { session: PlanSession; compact?: boolean }) {
  const { t } = useI18n();
  const { status, reason } = useConnectionStatus(session);
  const statusText = reason
    ? t(CLOSE_REASONS[reason].da, CLOSE_REASONS[reason].en)
    : {
        connected: t('Forbundet', 'Connected'),
        connecting: t('Forbinder …', 'Connecting …'),
        offline: t(
          'Offline: dine ændringer gemmes og sendes, når forbindelsen er tilbage',
          'Offline: your changes are kept and sent when the connection is back',
        ),
        stopped: t('Forbindelsen er lukket', 'The connection is closed'),
      }[status];
  // on the phone the dot says enough, unless the server gave a reason
  const textShown = status !== 'connected' && (!compact || reason !== null);
  return (
    <span
      className={`connection connection-${status}`}
      role="status"
      data-testid="connection-status"
      data-status={status}
      data-reason={reason ?? undefined}
      title={statusText}
    >
      <span className="dot" aria-hidden />{' '}
      <span className={textShown ? 'connection-text' : 'sr-only'}>{statusText}</span>
    </span>
  );
}
