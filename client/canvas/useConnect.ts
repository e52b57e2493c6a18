/** Drawing a line between two cards: the grammar decides the kind (model/grammar.ts), or says why not. */
import type { Connection, Edge } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { checkEdge, SELF_LOOP_DA, suggestEdgeKind } from '../../model/grammar.ts';
import type { PlanFile } from '../../model/schema.ts';
import { addEdge } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { useStableCallback } from './stable.ts';

export interface ConnectInput {
  session: PlanSession;
  plan: PlanFile;
  lockedKinds: ReadonlySet<string>;
  onNotice: (message: string) => void;
  t: (da: string, en: string) => string;
}

export function useConnect({ session, plan, lockedKinds, onNotice, t }: ConnectInput) {
  const [hint, setHint] = useState<string | null>(null);
  const kindOf = useMemo(() => new Map(plan.nodes.map((n) => [n.id, n.kind])), [plan.nodes]);

  const verdictFor = useCallback(
    (connection: Connection | Edge) => {
      const fromKind = kindOf.get(connection.source);
      const toKind = kindOf.get(connection.target);
      if (!fromKind || !toKind) return { kind: null, reason: t('Ukendt kort.', 'Unknown card.') };
      if (connection.source === connection.target) return { kind: null, reason: t(SELF_LOOP_DA, 'A connection cannot start and end at the same card.') };
      const kind = suggestEdgeKind(fromKind, toKind);
      if (kind) return { kind, reason: null };
      const attempted = toKind === 'maal' ? 'bidrager-til' : toKind === 'indikator' ? 'maales-ved' : 'leder-til';
      const verdict = checkEdge({ kind: attempted, fromKind, toKind });
      return { kind: null, reason: verdict.allowed ? null : verdict.reason };
    },
    [kindOf, t],
  );

  // stable handlers: each new identity is a write to React Flow's store, which every card and line then reads
  const isValidConnection = useStableCallback((connection: Connection | Edge) => {
    const { kind, reason } = verdictFor(connection);
    setHint(kind ? null : reason);
    return kind !== null;
  });

  const onConnect = useStableCallback(
    (connection: Connection) => {
      setHint(null);
      const { kind, reason } = verdictFor(connection);
      if (!kind) {
        onNotice(reason ?? t('Forbindelsen er ikke tilladt.', 'Connection not allowed.'));
        return;
      }
      if ([connection.source, connection.target].every((id) => lockedKinds.has(kindOf.get(id) ?? ''))) {
        onNotice(t('Facilitatoren har låst begge slags kort.', 'The facilitator has locked both kinds of cards.'));
        return;
      }
      const result = addEdge(session.doc, { from: connection.source, to: connection.target, kind }, session.localOrigin);
      if (!result.ok) onNotice(result.reason);
    },
  );

  const onConnectEnd = useStableCallback(() => {
    if (hint) onNotice(hint);
    setHint(null);
  });

  return { hint, isValidConnection, onConnect, onConnectEnd };
}
