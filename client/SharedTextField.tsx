/**
 * A labelled field bound live to a node's title or description (client/useSharedText.ts): others see each keystroke
 * as it is typed, and two people typing in one field both keep their words. Reusable wherever a card's text is
 * edited (the properties panel, the phone's card sheet).
 */
import { useId } from 'react';
import { nodeText, updateNode, type NodeTextField } from '../model/ydoc.ts';
import type { PlanSession } from './connection.ts';
import { useSharedText } from './useSharedText.ts';

interface SharedTextFieldProps {
  session: PlanSession;
  nodeId: string;
  field: NodeTextField;
  label: string;
  readOnly: boolean;
  multiline?: boolean;
  testId?: string;
  /** Enter in a one-line field: the focus leaves it (the title: back to the card) */
  onEnter?: () => void;
}

export function SharedTextField({ session, nodeId, field, label, readOnly, multiline, testId, onEnter }: SharedTextFieldProps) {
  const id = useId();
  const onBlurText = field === 'description' ? () => removeEmptyDescription(session, nodeId) : undefined;
  const text = useSharedText<HTMLInputElement | HTMLTextAreaElement>(session, nodeId, field, { readOnly, onBlurText });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} ref={text.ref} defaultValue={text.initial} readOnly={readOnly} rows={3} data-testid={testId} />
      ) : (
        <input id={id} ref={text.ref} defaultValue={text.initial} readOnly={readOnly} data-testid={testId}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
            event.currentTarget.blur();
            onEnter?.();
          }} />
      )}
    </div>
  );
}

/** A description emptied and left is removed, as the field did before it was shared text (no `"description": ""`). */
function removeEmptyDescription(session: PlanSession, nodeId: string): void {
  const text = nodeText(session.doc, nodeId, 'description');
  if (text !== null && text.toString() === '') updateNode(session.doc, nodeId, { description: undefined }, session.localOrigin);
}
