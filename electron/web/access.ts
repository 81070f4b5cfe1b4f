// Who may talk to the browser shell. Anything on this machine can reach 127.0.0.1, and any web page the
// user opens can make their browser send requests there, so every request must prove it came from the
// page we served:
//   - a per-run secret token as the first segment of every path: the page is http://127.0.0.1:PORT/<token>/
//     and everything it loads (assets, the worklet, /ws, stored media, uploads, downloads) is relative to
//     that folder, so the browser carries the token in each URL by itself. There is no cookie on purpose:
//     browsers scope cookies by host, not port (and SameSite treats other ports as the same site), so a
//     cookie would go to every other server on 127.0.0.1 — any local web page would receive the credential.
//     A path is sent only to the origin it belongs to; the page also sends no Referer (RENDERER_HEADERS).
//   - the Host header must be exactly 127.0.0.1:PORT (a DNS-rebinding page has another host name);
//   - the Origin header, when a browser sends one, must be exactly http://127.0.0.1:PORT (required on the
//     WebSocket upgrade, which browsers do not restrict by origin, and on uploads).
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

/**
 * Let in: `path` is the request's path below the token's folder ("/", "/assets/x.js", "/ws"), without
 * the query. `redirect`: the token's folder was asked for without its slash (its relative links would
 * leave it), so the answer sends the browser to `location`.
 */
export type AccessVerdict =
  | { ok: true; path: string; redirect: null }
  | { ok: true; path: string; redirect: string }
  | { ok: false; status: 401 | 403; reason: string };

export function ownOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The URL to open: the token's folder. */
export function pageUrl(rules: AccessRules): string {
  return `${ownOrigin(rules.port)}/${rules.token}/`;
}

const PRINTED = 'Open the exact URL the server printed when it started (http://127.0.0.1:PORT/<token>/).';

/** Checks the Host header and the token of a request (an HTTP request or a WebSocket upgrade). */
export function checkAccess(req: IncomingMessage, rules: AccessRules): AccessVerdict {
  if (req.headers.host !== `127.0.0.1:${rules.port}`) {
    return { ok: false, status: 403, reason: `Open Omni Desk at http://127.0.0.1:${rules.port}/ (the URL the server printed), not through another host name.` };
  }
  const raw = (req.url ?? '/').split('?')[0] ?? '/';
  const slash = raw.indexOf('/', 1);
  const first = raw.slice(1, slash < 0 ? undefined : slash);
  if (!isWellFormedToken(first)) return { ok: false, status: 401, reason: `Missing access token. ${PRINTED}` };
  if (!sameSecret(first, rules.token)) {
    return { ok: false, status: 403, reason: `Wrong access token (it may be from an earlier run). ${PRINTED}` };
  }
  if (slash < 0) return { ok: true, path: '/', redirect: `/${rules.token}/` };
  return { ok: true, path: raw.slice(slash), redirect: null };
}

/**
 * The Origin header, when a browser sends one, must be this page's; `required`: it must be sent (the
 * WebSocket upgrade and uploads, which another site's page could otherwise make with the user's browser).
 */
export function originRefusal(req: IncomingMessage, rules: AccessRules, required: boolean): string | null {
  const origin = req.headers.origin;
  const bad = origin !== undefined ? origin !== ownOrigin(rules.port) : required;
  return bad ? 'Requests from other web pages are refused.' : null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
