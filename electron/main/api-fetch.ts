// The desktop app's fetch for the API: Chromium's network stack (session.fetch, as net.fetch), so the
// system's proxy settings apply — PAC files, WPAD, proxies that ask for a password — where Node's fetch
// would go direct and fail behind a proxy. The core takes it as its `fetch` (the core never imports
// 'electron'). A session of its own, in memory: API calls share no cookies or cache with the window.
//
// Chromium rejects with "net::ERR_…" messages; the core explains a network failure by a Node-style
// `code` in the error's causes (ECONNREFUSED, ENOTFOUND…), so each is given the code that says the same.
import type { Session } from 'electron';

const NODE_CODES: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_TIMED_OUT: 'ETIMEDOUT',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_NETWORK_CHANGED: 'ENETUNREACH',
};

/** The Node-style code for a Chromium network error message, or the Chromium name itself (ERR_CERT_… etc.). */
export function codeForNetError(message: string): string | null {
  const name = /\bnet::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
  if (!name) return null;
  return NODE_CODES[name] ?? name;
}

export function chromiumFetch(session: Pick<Session, 'fetch'>): typeof globalThis.fetch {
  return (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    try {
      return await session.fetch(input instanceof URL ? input.href : (input as string | Request), init);
    } catch (err) {
      const code = err instanceof Error && err.name !== 'AbortError' ? codeForNetError(err.message) : null;
      if (!code) throw err;
      // The shape Node's fetch gives: "fetch failed", with the error that has the code as its cause.
      Object.assign(err as Error, { code });
      throw new TypeError('fetch failed', { cause: err });
    }
  }) as typeof globalThis.fetch;
}
