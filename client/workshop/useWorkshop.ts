/** The workshop state of a plan session as React state, and the server's clock for the timer. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { readComments, readLocks, readTimer, readVotes, readVoting, WORKSHOP_ROOTS, type Comment, type Locks, type TimerState, type Voting } from '../../model/workshop.ts';
import type { Identity, PlanSession } from '../connection.ts';
import { useDocState } from '../useDocState.ts';

export interface WorkshopState {
  locks: Locks;
  timer: TimerState;
  voting: Voting;
  votes: Map<string, string[]>;
  voteCounts: Map<string, number>;
  comments: Comment[];
}

function read(session: PlanSession): WorkshopState {
  const votes = readVotes(session.doc);
  const voteCounts = new Map<string, number>();
  for (const targets of votes.values()) for (const id of targets) voteCounts.set(id, (voteCounts.get(id) ?? 0) + 1);
  return { locks: readLocks(session.doc), timer: readTimer(session.doc), voting: readVoting(session.doc), votes, voteCounts, comments: readComments(session.doc) };
}

export function useWorkshop(session: PlanSession): WorkshopState {
  return useDocState(session.doc, () => read(session), () => Object.values(WORKSHOP_ROOTS).map((name) => session.doc.getMap(name)));
}

/** Milliseconds to add to Date.now() to get the server's time (so every laptop shows the same timer). */
export function useServerClockOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const sent = Date.now();
    fetch('/healthz')
      .then((res) => res.json() as Promise<{ serverTime?: number }>)
      .then(({ serverTime }) => {
        if (typeof serverTime === 'number') setOffset(serverTime - (sent + Date.now()) / 2);
      })
      .catch(() => undefined);
  }, []);
  return offset;
}

/** Re-renders every `ms` while `active`. */
export function useTick(active: boolean, ms = 250): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return now;
}

/** This browser's identity in the plan (null until the server has issued it); votes and comments hang on it. */
export function useIdentity(session: PlanSession): Identity | null {
  return useSyncExternalStore(session.onIdentity, session.identity);
}
