/** The year the follow-up is shown for, shared by the Opfølgning view and the cards on the canvas (one per tab). */
import { useSyncExternalStore } from 'react';

let year = new Date().getFullYear();
const listeners = new Set<() => void>();

export function setFollowUpYear(next: number): void {
  if (next === year) return;
  year = next;
  for (const listener of listeners) listener();
}

export function useFollowUpYear(): number {
  return useSyncExternalStore(
    (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    () => year,
  );
}
