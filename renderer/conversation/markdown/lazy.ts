// A heavy part of the reply renderer (KaTeX, the highlighter) loaded the first time a reply needs it, as a
// chunk of its own: the window's first load carries neither. Components read it with useLazy, which starts
// the load and renders again once it is there; until then they show the plain source.
import { useEffect, useSyncExternalStore } from 'react';

export interface Lazy<T> {
  get(): T | null;
  load(): Promise<T>;
  subscribe(listener: () => void): () => void;
}

export function lazy<T>(importer: () => Promise<T>): Lazy<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    load() {
      pending ??= importer().then(
        (v) => {
          value = v;
          for (const l of listeners) l();
          return v;
        },
        (err: unknown) => {
          pending = null; // a later reply tries again
          throw err;
        },
      );
      return pending;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The module once loaded (null until then); asks for it when `wanted`. */
export function useLazy<T>(m: Lazy<T>, wanted = true): T | null {
  const value = useSyncExternalStore(m.subscribe, m.get, m.get);
  useEffect(() => {
    if (wanted && value === null) m.load().catch(() => { /* the source stays shown */ });
  }, [m, wanted, value]);
  return value;
}
