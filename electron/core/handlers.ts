// What the core offers the shells: one handler per contract request, and a way to push events.
import type { EventName, EventPayload, ParsedInput, RequestName, RequestOutput } from '../../shared/contract';

export type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Core {
  handlers: Handlers;
  /** Subscribe to pushed events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Stops streaming replies (kept as cancelled... or interrupted), flushes and closes the database. */
  close(): Promise<void>;
}
