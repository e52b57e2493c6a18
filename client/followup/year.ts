/**
 * The year the follow-up is shown for, shared by the Opfølgning view and the cards on the canvas (one per tab).
 * Until someone picks a year it is the plan's default (model/status.ts `defaultFollowUpYear`), which the workspace
 * sets from the plan's period.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { defaultFollowUpYear } from '../../model/status.ts';

let chosen: number | null = null;
let fallback = new Date().getFullYear();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export function setFollowUpYear(next: number): void {
  if (next === chosen) return;
  chosen = next;
  notify();
}

/** The plan's period decides the year shown until one is chosen. */
export function useFollowUpYearDefault(period: { from: number; to: number } | undefined): void {
  const from = period?.from;
  const to = period?.to;
  useEffect(() => {
    const next = defaultFollowUpYear(from !== undefined && to !== undefined ? { from, to } : undefined);
    if (next === fallback) return;
    fallback = next;
    if (chosen === null) notify();
  }, [from, to]);
}

export function useFollowUpYear(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => chosen ?? fallback,
  );
}
