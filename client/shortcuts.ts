/** Keyboard shortcuts of the workspace: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, 1–6 to add a card of a kind, ? for the list of keys. */
import { useEffect } from 'react';
import type { NodeKind } from '../model/schema.ts';
import { KIND_LOOKS, NODE_KIND_ORDER } from './kinds.ts';

export function useShortcuts(addKind: (kind: NodeKind) => void, undo: () => void, redo: () => void, help: () => void = () => {}): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable="true"]');
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !typing) {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
        return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y' && !typing) {
        event.preventDefault();
        redo();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest('[role="dialog"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        help();
        return;
      }
      const kind = NODE_KIND_ORDER.find((k) => KIND_LOOKS[k].key === event.key);
      if (kind) {
        event.preventDefault();
        addKind(kind);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addKind, redo, undo, help]);
}
