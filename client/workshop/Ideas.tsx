/**
 * Ideas first: write idea notes that only you see until the facilitator reveals them all; then anyone can turn
 * a revealed idea into a typed node. Hidden ideas live on the server (not in the shared doc), so nobody else's
 * browser receives them before the reveal.
 */
import { useCallback, useEffect, useState } from 'react';
import type { IdeaRecord } from '../../model/protocol.ts';
import type { NodeKind } from '../../model/schema.ts';
import { addNode, newId } from '../../model/ydoc.ts';
import { WORKSHOP_ROOTS } from '../../model/workshop.ts';
import type { PlanSession } from '../connection.ts';
import { useDocState } from '../useDocState.ts';
import { useIdentity } from './useWorkshop.ts';
import { useI18n } from '../i18n.tsx';
import { KIND_LOOKS, NODE_KIND_ORDER } from '../kinds.ts';

type Idea = IdeaRecord;
interface Revealed { key: string; text: string; author: string }

function readRevealed(session: PlanSession): Revealed[] {
  const map = session.doc.getMap<{ text: string; author: string }>(WORKSHOP_ROOTS.ideas);
  return [...map.entries()].map(([key, v]) => ({ key, text: String(v?.text ?? ''), author: String(v?.author ?? '') }));
}

export function useRevealed(session: PlanSession): Revealed[] {
  return useDocState(session.doc, () => readRevealed(session), () => [session.doc.getMap(WORKSHOP_ROOTS.ideas)]);
}

export function Ideas({ session, readOnly, onNotice }: { session: PlanSession; readOnly: boolean; onNotice: (m: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [mine, setMine] = useState<Idea[]>([]);
  const [hidden, setHidden] = useState(0);
  const [kind, setKind] = useState<NodeKind>('aktivitet');
  const revealed = useRevealed(session);
  const canWrite = session.role !== 'viewer';
  const url = `/api/plans/${session.planId}/ideas?token=${encodeURIComponent(session.token)}`;
  const identity = useIdentity(session);
  const headers = { 'content-type': 'application/json', 'x-identity': identity?.token ?? '' };

  const load = useCallback(async () => {
    if (!canWrite || !identity) return;
    const res = await fetch(url, { headers });
    if (!res.ok) return;
    const body = (await res.json()) as { mine: Idea[]; hidden: number };
    setMine(body.mine);
    setHidden(body.hidden);
  }, [url, canWrite, identity]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [load]);

  const add = async () => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ text, author: session.localOrigin.user }) });
    if (!res.ok) return onNotice(((await res.json()) as { error: string }).error);
    setText('');
    await load();
  };
  const reveal = async () => {
    const res = await fetch(`/api/plans/${session.planId}/ideas/reveal?token=${encodeURIComponent(session.token)}`, { method: 'POST' });
    if (res.ok) await load();
  };
  const toNode = (idea: Revealed) => {
    session.doc.transact(() => {
      addNode(session.doc, { id: newId(kind.slice(0, 1)), kind, title: idea.text, position: { x: 0, y: 0 } }, session.localOrigin);
      session.doc.getMap(WORKSHOP_ROOTS.ideas).delete(idea.key);
    }, session.localOrigin);
  };
  return (
    <section className="ideas" data-testid="ideas">
      {canWrite && !readOnly && (
        <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) void add(); }}>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={500} aria-label={t('Ny idé', 'New idea')}
            placeholder={t('Skriv en idé (kun du kan se den, til facilitatoren viser alle)', 'Write an idea (only you see it until the facilitator reveals all)')} data-testid="idea-text" />
          <button type="submit" data-testid="idea-add">{t('Tilføj idé', 'Add idea')}</button>
        </form>
      )}
      {mine.length > 0 && (
        <>
          <h3>{t('Mine skjulte idéer', 'My hidden ideas')}</h3>
          <ul data-testid="my-ideas">{mine.map((idea) => <li key={idea.id}>{idea.text}</li>)}</ul>
        </>
      )}
      {session.role === 'facilitator' && (
        <button type="button" onClick={() => void reveal()} disabled={hidden === 0} data-testid="ideas-reveal">
          {t(`Vis alle idéer (${hidden})`, `Reveal all ideas (${hidden})`)}
        </button>
      )}
      {revealed.length > 0 && (
        <>
          <h3>{t('Idéer', 'Ideas')}</h3>
          {canWrite && !readOnly && (
            <label className="field">{t('Gør til', 'Turn into')}
              <select value={kind} onChange={(e) => setKind(e.target.value as NodeKind)}>
                {NODE_KIND_ORDER.map((k) => <option key={k} value={k}>{t(KIND_LOOKS[k].da, KIND_LOOKS[k].en)}</option>)}
              </select>
            </label>
          )}
          <ul data-testid="revealed-ideas">
            {revealed.map((idea) => (
              <li key={idea.key}>
                {idea.text} <span className="muted">({idea.author})</span>{' '}
                {canWrite && !readOnly && <button type="button" className="link" onClick={() => toNode(idea)} data-testid="idea-to-node">{t('→ kort', '→ card')}</button>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
