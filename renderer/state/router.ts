// The hash router: `#/` is a new conversation, `#/c/<id>` an open one. A hash survives loadFile,
// the app:// scheme and the browser shell alike. Anything after `?` in the hash (the browser shell may
// carry its access token there) is kept on every navigation so a reload still connects.
import { useSyncExternalStore } from 'react';

export type Route = { name: 'new' } | { name: 'conversation'; id: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const m = /^\/c\/([^/]+)\/?$/.exec(path);
  if (m && m[1] && ID.test(m[1])) return { name: 'conversation', id: m[1] };
  return { name: 'new' };
}

export function hashFor(route: Route, currentHash: string = window.location.hash): string {
  const q = currentHash.indexOf('?');
  const query = q >= 0 ? currentHash.slice(q) : '';
  const path = route.name === 'conversation' ? `/c/${route.id}` : '/';
  return `#${path}${query}`;
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const next = hashFor(route);
  if (next === window.location.hash) return;
  if (opts.replace) {
    const url = new URL(window.location.href);
    url.hash = next;
    window.history.replaceState(window.history.state, '', url.href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = next;
  }
}

let current: Route = parseHash(window.location.hash);
let currentHash = window.location.hash;
function read(): Route {
  if (window.location.hash !== currentHash) {
    currentHash = window.location.hash;
    current = parseHash(currentHash);
  }
  return current;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function currentRoute(): Route {
  return read();
}

export function onRouteChange(listener: (r: Route) => void): () => void {
  return subscribe(() => listener(read()));
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, read);
}
