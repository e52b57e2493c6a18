/**
 * What the facilitator is looking at, for the phone and projector views: their focus area and selected cards,
 * read from awareness. The facilitator's workspace publishes `focusArea` (see useShareFocus).
 */
import { useEffect, useState } from 'react';
import type { PlanSession } from '../connection.ts';

export interface FacilitatorFocus {
  name: string | null;
  area: string | null;
  selection: string[];
}

export function useFacilitatorFocus(session: PlanSession): FacilitatorFocus {
  const [focus, setFocus] = useState<FacilitatorFocus>({ name: null, area: null, selection: [] });
  useEffect(() => {
    const { awareness } = session.provider;
    const read = () => {
      let found: FacilitatorFocus = { name: null, area: null, selection: [] };
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { role?: string; name?: string } | undefined;
        if (clientId === session.doc.clientID || user?.role !== 'facilitator' || found.name) return;
        found = {
          name: user.name ?? null,
          area: typeof state.focusArea === 'string' && state.focusArea ? state.focusArea : null,
          selection: Array.isArray(state.selection) ? (state.selection as string[]) : [],
        };
      });
      setFocus((previous) => (JSON.stringify(previous) === JSON.stringify(found) ? previous : found));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [session]);
  return focus;
}

/** The facilitator tells the room which focus area they work in. */
export function useShareFocus(session: PlanSession, focusArea: string): void {
  useEffect(() => {
    if (session.role === 'facilitator') session.provider.awareness.setLocalStateField('focusArea', focusArea || null);
  }, [session, focusArea]);
}
