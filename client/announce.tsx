/**
 * What a screen reader hears after an action: one polite live region per page (<LiveRegion />), fed by
 * `announce(text)` from anywhere (a link made, a card deleted, an undo, what the check finds after an edit).
 * It is a log: each announcement is a new line (the last few are kept), so one that follows quickly (the check
 * after a link) does not cut off the one before, and the same text twice is read twice.
 */
import { useEffect, useState } from 'react';

let current = '';
const listeners = new Set<(text: string) => void>();

export function announce(text: string): void {
  current = text;
  for (const listener of listeners) listener(text);
}

/** The last announcement (for tests and debugging). */
export function lastAnnouncement(): string {
  return current;
}

const KEEP = 3;

export function LiveRegion() {
  const [lines, setLines] = useState<{ key: number; text: string }[]>([]);
  useEffect(() => {
    let key = 0;
    const listener = (text: string) => setLines((previous) => [...previous.slice(-(KEEP - 1)), { key: ++key, text }]);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return (
    <div className="sr-only" role="log" aria-live="polite" aria-relevant="additions" data-testid="announcer">
      {lines.map((line) => <p key={line.key} data-testid="announcement">{line.text}</p>)}
    </div>
  );
}

/** Moves the keyboard focus to a card: on the canvas its card, in Disposition its title field. */
export function focusCard(id: string): void {
  requestAnimationFrame(() => {
    const selector = `.react-flow__node[data-id="${CSS.escape(id)}"], [data-outline-node="${CSS.escape(id)}"]`;
    (document.querySelector(selector) as HTMLElement | null)?.focus();
  });
}

/**
 * Moves the keyboard focus to an element found by selector once React has rendered it. It looks again each frame,
 * for up to 5 seconds: on a busy machine the element may appear many frames after the state change.
 */
export function focusSoon(selector: string, select = false, deadline = performance.now() + 5000): void {
  requestAnimationFrame(() => {
    const element = document.querySelector(selector) as HTMLElement | null;
    if (!element) {
      if (performance.now() < deadline) focusSoon(selector, select, deadline);
      return;
    }
    element.focus();
    if (select && element instanceof HTMLInputElement) element.select();
  });
}

/** The selector of a card's title field in the properties panel. */
export function titleFieldOf(id: string): string {
  return `[data-node-id="${CSS.escape(id)}"] [data-testid="inspector-title"]`;
}
