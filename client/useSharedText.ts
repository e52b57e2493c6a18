/**
 * Binds an <input> or <textarea> to a node's title or description as shared text (model/ydoc.ts, "Live text"), the
 * way y-codemirror and y-prosemirror bind their editors: every keystroke is written at once as the smallest insert
 * or delete, and edits arriving from others (or from an undo) are applied to the field from their Yjs delta, with
 * the caret and the selection mapped through it, so nobody's caret jumps while someone else types.
 *
 * - IME: during a composition (compositionstart … compositionend: Japanese, Chinese, dead keys on some systems)
 *   nothing is written and nothing is put into the field, which would break the composition. Others' edits wait;
 *   at compositionend the composed text is written at its place mapped through them, and the field catches up.
 * - Undo: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in the field go to the session's undo manager, not the browser's own
 *   history of the field (which forgets everything whenever a remote edit sets the field's value): so they undo
 *   one's own typing bursts only, as everywhere in the editor. Focus and blur end an undo step.
 * - The field is uncontrolled: React renders it with `defaultValue` and never sets its value; this hook does.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { editNodeText, nodeText, textChange, watchNodeText, type NodeTextField, type TextChange } from '../model/ydoc.ts';
import type { PlanSession } from './connection.ts';

type TextElement = HTMLInputElement | HTMLTextAreaElement;
type Delta = NonNullable<Y.YTextEvent['delta']>;

export interface SharedTextOptions {
  readOnly?: boolean;
  /** after the field lost the focus (the description: an emptied field removes the key, as before shared text) */
  onBlurText?: (text: string) => void;
}

export interface SharedTextBinding<E extends TextElement> {
  ref: (element: E | null) => void;
  /** the text when the field is first rendered (its `defaultValue`) */
  initial: string;
}

/** The field's characters now, whatever the doc holds (shared text, a string stored before it, nothing). */
function currentText(doc: Y.Doc, nodeId: string, field: NodeTextField): string {
  const value = nodeText(doc, nodeId, field);
  return value === null ? '' : value.toString();
}

/** A change as a Yjs delta, to map positions through like any remote edit. */
function deltaOf(change: TextChange | null): Delta {
  if (!change) return [];
  const delta: Delta = [];
  if (change.index > 0) delta.push({ retain: change.index });
  if (change.removed > 0) delta.push({ delete: change.removed });
  if (change.inserted.length > 0) delta.push({ insert: change.inserted });
  return delta;
}

/**
 * Where a position in the text before `delta` stands after it. Text inserted exactly at the position goes after
 * it (the caret stays before another person's words typed at the same spot, so each keeps typing their own word
 * in one piece), unless `assocRight` (the end of a range that grows to take them). Text that replaces a deletion
 * reaching the position stands before it (someone retyped the words in front of the caret).
 */
export function mapIndex(index: number, delta: Delta, assocRight = false): number {
  let position = 0; // where the ops have got to in the text before the delta
  let shift = 0;
  // a deletion that reached the position: what is inserted in its place stands before the position
  let replaced = false;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (replaced) break;
      position += op.retain;
      if (position > index) break;
    } else if (op.insert !== undefined) {
      if (!replaced && (position > index || (position === index && !assocRight))) break;
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (replaced || position >= index) break;
      shift -= Math.min(op.delete, index - position);
      position += op.delete;
      replaced = position >= index;
    }
  }
  return Math.max(0, index + shift);
}

export function useSharedText<E extends TextElement>(session: PlanSession, nodeId: string, field: NodeTextField, options: SharedTextOptions = {}): SharedTextBinding<E> {
  const [element, setElement] = useState<E | null>(null);
  const [initial] = useState(() => currentText(session.doc, nodeId, field));
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const ref = useCallback((next: E | null) => setElement(next), []);

  useEffect(() => {
    if (!element) return;
    const { doc, undoManager, localOrigin } = session;
    /** what the field shows apart from a composition under way: the doc's text when it was last put into the field */
    let shown = currentText(doc, nodeId, field);
    /** the doc's text now (differs from `shown` only while a composition holds others' edits back) */
    let docText = shown;
    let composing = false;
    let waiting: Delta[] = [];
    let writing = false;
    if (element.value !== shown) element.value = shown;

    /** Puts the doc's text into the field, moving the caret and selection through what changed. */
    const show = (deltas: Delta[]) => {
      const focused = element.ownerDocument.activeElement === element;
      let start = element.selectionStart ?? 0;
      let end = element.selectionEnd ?? 0;
      const direction = element.selectionDirection ?? 'none';
      for (const delta of deltas) [start, end] = [mapIndex(start, delta), mapIndex(end, delta)];
      element.value = docText;
      shown = docText;
      if (focused) element.setSelectionRange(Math.min(start, docText.length), Math.min(Math.max(start, end), docText.length), direction);
    };

    const stop = watchNodeText(doc, nodeId, field, (event) => {
      const delta = event.delta ?? deltaOf(textChange(docText, event.text));
      docText = event.text;
      if (writing) {
        shown = docText;
        return;
      }
      if (composing) waiting.push(delta);
      else show([delta]);
    });

    /** Writes what the person changed in the field since `shown`, placed through others' edits that waited. */
    const write = () => {
      if (optionsRef.current.readOnly) return;
      const typed = element.value;
      const caret = element.selectionEnd ?? typed.length;
      const change = textChange(shown, typed, caret);
      const held = waiting;
      waiting = [];
      if (!change) {
        if (held.length > 0) show(held);
        return;
      }
      let start = change.index;
      let end = change.index + change.removed;
      for (const delta of held) {
        start = mapIndex(start, delta, true);
        end = Math.max(start, mapIndex(end, delta));
      }
      const next = docText.slice(0, start) + change.inserted + docText.slice(end);
      writing = true;
      try {
        editNodeText(doc, nodeId, field, next, localOrigin, start + change.inserted.length);
      } finally {
        writing = false;
      }
      docText = currentText(doc, nodeId, field);
      // the doc may hold less than was typed (characters XML does not allow) or others' edits that waited
      if (docText !== typed) {
        const caretAfter = mapIndex(caret, deltaOf(textChange(typed, docText)), true);
        element.value = docText;
        element.setSelectionRange(Math.min(caretAfter, docText.length), Math.min(caretAfter, docText.length));
      }
      shown = docText;
    };

    const onInput = (event: Event) => {
      if (composing || (event as InputEvent).isComposing) return;
      write();
    };
    const onCompositionStart = () => {
      composing = true;
    };
    const onCompositionEnd = () => {
      composing = false;
      write();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || composing) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      undoManager.stopCapturing();
      if (key === 'y' || event.shiftKey) undoManager.redo();
      else undoManager.undo();
    };
    const onBeforeInput = (event: InputEvent) => {
      if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return;
      event.preventDefault();
      if (event.inputType === 'historyUndo') undoManager.undo();
      else undoManager.redo();
    };
    const onFocus = () => undoManager.stopCapturing();
    const onBlur = () => {
      undoManager.stopCapturing();
      optionsRef.current.onBlurText?.(docText);
    };
    const target = element as HTMLElement;
    const listeners: [string, (event: never) => void][] = [
      ['input', onInput],
      ['compositionstart', onCompositionStart],
      ['compositionend', onCompositionEnd],
      ['keydown', onKeyDown],
      ['beforeinput', onBeforeInput],
      ['focus', onFocus],
      ['blur', onBlur],
    ];
    for (const [type, listener] of listeners) target.addEventListener(type, listener as EventListener);
    return () => {
      stop();
      for (const [type, listener] of listeners) target.removeEventListener(type, listener as EventListener);
    };
  }, [element, session, nodeId, field]);

  return { ref, initial };
}
