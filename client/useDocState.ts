/**
 * The one hook for state read from the shared Y.Doc: `read` runs once at first and again after every change of
 * `roots` (or of the whole doc when no roots are given); components re-render only when it ran.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y.Map<T> observers are typed per event
export function useDocState<T>(doc: Y.Doc, read: () => T, roots?: () => Y.AbstractType<any>[]): T {
  // `read` and `roots` are taken once per doc: they must depend only on the doc
  const store = useMemo(() => {
    let current = read();
    return {
      subscribe(notify: () => void) {
        const onChange = () => {
          current = read();
          notify();
        };
        const watched = roots?.();
        if (!watched) {
          doc.on('afterTransaction', onChange);
          return () => doc.off('afterTransaction', onChange);
        }
        watched.forEach((root) => root.observe(onChange));
        return () => watched.forEach((root) => root.unobserve(onChange));
      },
      get: () => current,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
