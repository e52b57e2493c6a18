import * as Y from 'yjs';

/** One state holding every update given (a fresh doc, so deleted content is garbage-collected). */
export function foldUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
