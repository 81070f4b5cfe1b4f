// Who may talk to the browser shell. Anything on this machine can reach 127.0.0.1, and any web page the
// user opens can make their browser send requests there, so every request must prove it came from the
// page we served:
//   - a per-run secret token: in the printed URL (?token=), then in an HttpOnly SameSite=Strict cookie
//     so the page's own relative asset and worklet loads carry it; the WebSocket also sends it in /ws?token=;
//   - the Host header must be exactly 127.0.0.1:PORT (a DNS-rebinding page has another host name);
//   - the Origin header, when a browser sends one, must be exactly http://127.0.0.1:PORT (required on the
//     WebSocket upgrade, which browsers do not restrict by origin).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32,128}$/.test(token);
}

export interface AccessRules {
  token: string;
  port: number;
}

export type AccessVerdict =
  | { ok: true; setCookie: boolean }
  | { ok: false; status: 401 | 403; reason: string };

export function cookieName(port: number): string {
  // Cookies are shared across ports of one host: a name per port keeps two shells from clobbering each other.
  return `omni_token_${port}`;
}

export function sessionCookie(rules: AccessRules): string {
  return `${cookieName(rules.port)}=${rules.token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function ownOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Checks Host, Origin and the token on a request (an HTTP request or a WebSocket upgrade). */
export function checkAccess(req: IncomingMessage, rules: AccessRules, opts: { requireOrigin: boolean }): AccessVerdict {
  if (req.headers.host !== `127.0.0.1:${rules.port}`) {
    return { ok: false, status: 403, reason: `Open Omni Desk at http://127.0.0.1:${rules.port}/ (the URL the server printed), not through another host name.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined ? origin !== ownOrigin(rules.port) : opts.requireOrigin) {
    return { ok: false, status: 403, reason: 'Requests from other web pages are refused.' };
  }
  const url = new URL(req.url ?? '/', ownOrigin(rules.port));
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    return sameSecret(fromQuery, rules.token)
      ? { ok: true, setCookie: true }
      : { ok: false, status: 403, reason: 'Wrong access token. Open the exact URL the server printed when it started.' };
  }
  const fromCookie = readCookie(req.headers.cookie, cookieName(rules.port));
  if (fromCookie === null) {
    return { ok: false, status: 401, reason: 'Missing access token. Open the exact URL the server printed when it started (it ends with ?token=…).' };
  }
  return sameSecret(fromCookie, rules.token)
    ? { ok: true, setCookie: false }
    : { ok: false, status: 403, reason: 'Wrong access token (this cookie is from an earlier run). Open the URL the server printed this time.' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
