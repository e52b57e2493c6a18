// The small plan the workshop tests lock, vote on and edit through the sync protocol (in-process and as a real process).
import type * as Y from 'yjs';
import { docToPlan } from '../../model/ydoc.ts';

export const workshopPlan = {
  format: 'forandringskort/v1',
  plan: { title: 'Låse' },
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' },
    { id: 'o1', kind: 'output', title: '40 brugere' },
    { id: 'i1', kind: 'indikator', title: 'Antal brugere' },
  ],
  edges: [{ from: 'a1', to: 'o1', kind: 'leder-til' }],
};

/** The lock that leaves only indikatorer editable. */
export const ALL_BUT_INDIKATOR = ['aktivitet', 'output', 'resultat', 'effekt', 'maal'] as const;

export const titleOf = (doc: Y.Doc, id: string) => docToPlan(doc).nodes.find((n) => n.id === id)?.title;
