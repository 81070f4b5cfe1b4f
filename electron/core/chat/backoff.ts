// Waiting out a rate limit (HTTP 429) before asking again. The server's Retry-After wins when it sent one
// (within reason); otherwise the waits double: 2 s, 4 s, 8 s. After the last retry the reply fails with
// the rate-limit message. A Stop during a wait ends it at once.

/** Retries after the first refusal. */
export const RATE_LIMIT_RETRIES = 3;
export const BACKOFF_BASE_MS = 2_000;
/** A Retry-After longer than this is not waited for in a chat window: the user is told instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** How long to wait before retry number `attempt` (1-based), or null when the server asks for too long. */
export function retryDelayMs(attempt: number, retryAfterSec: number | null): number | null {
  if (retryAfterSec !== null) {
    const ms = retryAfterSec * 1000;
    return ms > MAX_RETRY_AFTER_MS ? null : ms;
  }
  return BACKOFF_BASE_MS * 2 ** (attempt - 1);
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
