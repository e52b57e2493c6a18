/** React bindings of a plan session: the plan, the check, presence and the connection state. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { checkPlan, findingsByNode, type CheckResult, type Finding } from '../model/rules.ts';
import type { PlanFile } from '../model/schema.ts';
import { createPlanReader } from '../model/ydoc.ts';
import type { PlanSession, Role } from './connection.ts';
import { connectionStatusOf, watchConnectionStatus, type ConnectionState, type StatusSource } from './connectionStatus.ts';
import { useDocState } from './useDocState.ts';

/** The plan, re-read after every change; unchanged nodes keep their identity (memoised components skip them). */
export function usePlan(session: PlanSession): PlanFile {
  const reader = useMemo(() => createPlanReader(session.doc, { edgeKeys: true }), [session]);
  return useDocState(session.doc, () => reader.read());
}

export interface LiveCheck extends CheckResult {
  byNode: Map<string, Finding[]>;
}

/** The rules of model/rules.ts, run again on every change of the plan. */
export function useCheck(plan: PlanFile): LiveCheck {
  const previous = useRef<LiveCheck | null>(null);
  const checked = useRef<PlanFile | null>(null);
  return useMemo(() => {
    // a card moved (twenty times a second while it is dragged): the rules do not look at positions
    if (previous.current && checked.current && onlyPositionsChanged(checked.current, plan)) return previous.current;
    checked.current = plan;
    const result = checkPlan(plan);
    // moving a card changes the plan but not the check: keep the same object so the panels do not re-render
    if (previous.current && sameCheck(previous.current, result)) return previous.current;
    previous.current = { ...result, byNode: findingsByNode(result.findings) };
    return previous.current;
  }, [plan]);
}

/**
 * The same plan but for where some cards stand. The plan reader (model/ydoc.ts) hands on every unchanged node, edge
 * and focus area as the same object, in new lists.
 */
export function onlyPositionsChanged(before: PlanFile, after: PlanFile): boolean {
  if (before === after) return true;
  if (before.plan !== after.plan || !sameItems(before.edges, after.edges) || !sameItems(before.focusAreas ?? [], after.focusAreas ?? [])) return false;
  if (before.nodes.length !== after.nodes.length) return false;
  return before.nodes.every((node, i) => node === after.nodes[i] || sameFields(node, after.nodes[i]!, 'position'));
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function sameFields(a: object, b: object, except: string): boolean {
  const keysA = Object.keys(a).filter((key) => key !== except);
  const keysB = Object.keys(b).filter((key) => key !== except);
  return keysA.length === keysB.length && keysA.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function sameCheck(a: CheckResult, b: CheckResult): boolean {
  if (a.findings.length !== b.findings.length) return false;
  for (let i = 0; i < a.findings.length; i++) {
    const x = a.findings[i]!;
    const y = b.findings[i]!;
    if (x.rule !== y.rule || x.message !== y.message || x.nodeIds.join() !== y.nodeIds.join()) return false;
  }
  if (a.links.length !== b.links.length || a.links.some((x, i) => x.message !== b.links[i]!.message || x.edgeIndex !== b.links[i]!.edgeIndex)) return false;
  return JSON.stringify(a.coverage) === JSON.stringify(b.coverage);
}

export function useConnectionStatus(session: PlanSession): ConnectionState {
  const [status, setStatus] = useState<ConnectionState>(() => ({ status: connectionStatusOf(session.provider), reason: null }));
  // reads the provider's state when subscribing too: a 'connected' event before this effect ran is not lost
  useEffect(() => watchConnectionStatus(session.provider as unknown as StatusSource, setStatus), [session]);
  return status;
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  role: Role;
  cursor?: { x: number; y: number };
  selection?: string[];
}

/** Everyone else in the plan, from awareness. Re-renders only the components that use it. */
export function usePeers(session: PlanSession): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  const frame = useRef(0);
  useEffect(() => {
    const { awareness } = session.provider;
    const read = () => {
      frame.current = 0;
      const list: Peer[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === session.doc.clientID || !state.user) return;
        const user = state.user as { name?: string; color?: string; role?: Role };
        list.push({
          clientId,
          name: user.name ?? 'Gæst',
          color: user.color ?? '#888',
          role: user.role ?? 'participant',
          cursor: state.cursor as Peer['cursor'],
          selection: state.selection as string[] | undefined,
        });
      });
      setPeers(list);
    };
    // our own cursor and selection change many times a second: only others' changes re-render the canvas
    const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const others = [...added, ...updated, ...removed].some((id) => id !== session.doc.clientID);
      if (others && !frame.current) frame.current = requestAnimationFrame(read);
    };
    awareness.on('change', onChange);
    read();
    return () => {
      awareness.off('change', onChange);
      cancelAnimationFrame(frame.current);
    };
  }, [session]);
  return peers;
}

/** Calls `fn` at most once per `ms`, always with the latest arguments (trailing call kept). */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  return (...args: A) => {
    pending = args;
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn(...args);
      pending = undefined;
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        if (pending) fn(...pending);
        pending = undefined;
      }, wait);
    }
  };
}
