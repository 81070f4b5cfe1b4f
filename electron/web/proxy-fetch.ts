// The browser shell's fetch for the API: behind a proxy, Node's own fetch ignores HTTPS_PROXY and every
// request says "cannot be reached". With HTTP_PROXY / HTTPS_PROXY (or their lower-case forms) set, requests
// go through undici's EnvHttpProxyAgent — with undici's own fetch, the same version as the agent — which
// also honours NO_PROXY; without them, Node's fetch as before. Chosen over Node's NODE_USE_ENV_PROXY:
// that is read only at start-up, and only by Node 22.21 and later (package.json allows 22.12).
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The proxy settings in `env` (curl's conventions: lower case first), or null when none is set. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings | null {
  const pick = (name: string) => env[name.toLowerCase()]?.trim() || env[name.toUpperCase()]?.trim() || undefined;
  const httpProxy = pick('http_proxy');
  const httpsProxy = pick('https_proxy') ?? httpProxy;
  if (!httpProxy && !httpsProxy) return null;
  return { httpProxy, httpsProxy, noProxy: pick('no_proxy') };
}

/** A proxy's address for a log line: never its user name or password. */
export function proxyForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(an address that is not a URL)';
  }
}

export function fetchForEnv(env: NodeJS.ProcessEnv, log: (line: string) => void = () => {}): typeof globalThis.fetch {
  const proxy = proxyFromEnv(env);
  if (!proxy) return globalThis.fetch.bind(globalThis);
  const agent = new EnvHttpProxyAgent(proxy);
  log(
    `API requests go through the proxy ${proxyForLog(proxy.httpsProxy ?? proxy.httpProxy!)}` +
      (proxy.noProxy ? ` (not for NO_PROXY: ${proxy.noProxy})` : ''),
  );
  return ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher: agent })) as unknown as typeof globalThis.fetch;
}
