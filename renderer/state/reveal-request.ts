// A request to bring one message of a conversation into view (a search hit). The conversation view
// renders only what is visible, so the message's article may not exist yet: the view takes the request,
// scrolls to where that message lies, and clears it once the message is on screen.
import { useSyncExternalStore } from 'react';

let pending: string | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function requestReveal(messageId: string): void {
  pending = messageId;
  emit();
}

export function clearReveal(messageId: string): void {
  if (pending !== messageId) return;
  pending = null;
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message waiting to be revealed, or null. */
export function usePendingReveal(): string | null {
  return useSyncExternalStore(subscribe, () => pending);
}
