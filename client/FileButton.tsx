/**
 * A file picker that speaks the page's language: a labelled button opens a hidden <input type=file> (the browser's
 * own "Choose File" follows the browser's language, not ours), and the chosen file's name is shown beside it.
 */
import { useRef, useState, type ReactNode } from 'react';

export function FileButton({ label, accept, onFile, testId, className }: {
  label: ReactNode;
  accept: string;
  onFile: (file: File) => void;
  testId?: string;
  className?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <span className={`file-button${className ? ` ${className}` : ''}`}>
      <button type="button" onClick={() => input.current?.click()}>{label}</button>
      {chosen && <span className="muted file-chosen">{chosen}</span>}
      <input ref={input} type="file" accept={accept} hidden tabIndex={-1} aria-hidden data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again is a new choice
          if (!file) return;
          setChosen(file.name);
          onFile(file);
        }} />
    </span>
  );
}
