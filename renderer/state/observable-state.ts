// The renderer's state as one plain external store, read in React with useSyncExternalStore
// (store-hooks.tsx): one immutable object, replaced on every change, and the listeners told. The slices
// (app-store.ts composes them) each get a StateCell typed to their own fields, so a slice writes only
// what it owns; what it needs to read of the others comes in as an argument.

export interface StateCell<S> {
  get(): S;
  set(patch: Partial<S>): void;
}

export class ObservableState<S extends object> implements StateCell<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  get = (): S => this.state;

  set = (patch: Partial<S>): void => {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
