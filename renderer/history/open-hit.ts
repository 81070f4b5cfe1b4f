// Opening a search hit: its conversation, the version that holds it, scrolled to the message and marked;
// and taking that mark away again when the search is cleared.
import { requestReveal } from '../state/reveal-request';
import { navigate } from '../state/router';
import type { AppStore } from '../state/app-store';

/** How long a chosen hit waits for its conversation to render before giving up quietly. */
const REVEAL_TIMEOUT_MS = 5_000;
const TARGET = 'search-target';

/** `focus`: move the focus to the message (a click), or leave it in the search box (Enter, to go on to the next hit). */
export function openHit(store: AppStore, conversationId: string, messageId: string, focus: boolean): void {
  navigate({ name: 'conversation', id: conversationId });
  // branch: a hit in a version that is not shown brings that version up.
  void store.versions.showVersionOf(conversationId, messageId);
  // The view renders only what is near the viewport: it scrolls to the message so its article exists.
  requestReveal(messageId);
  revealMessage(messageId, focus);
}

/** The search was cleared: no message stays marked as its hit. */
export function clearHitMark(): void {
  for (const old of document.querySelectorAll(`.${TARGET}`)) old.classList.remove(TARGET);
}

/** Once the message's article is on screen, scroll it into the middle and mark it. */
function revealMessage(messageId: string, focus: boolean): void {
  const until = performance.now() + REVEAL_TIMEOUT_MS;
  const selector = `[data-message-id="${CSS.escape(messageId)}"]`;
  const step = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (performance.now() < until) requestAnimationFrame(step);
      return;
    }
    clearHitMark();
    el.classList.add(TARGET);
    el.scrollIntoView({ block: 'center' });
    if (!focus) return;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
  };
  // After the route change has rendered: the conversation view first sticks to its bottom.
  requestAnimationFrame(step);
}
