// `npm run dev` (electron-vite dev): the window loads the Vite dev server, whose page renderer/index.html's
// strict policy would block. Only the dev server gets three relaxations, and each is as narrow as it can be:
//  - script-src: the hash of each inline script Vite's plugins put in the page (React Refresh's preamble),
//    not 'unsafe-inline' (the preamble lands above the <meta> today, and a meta policy governs only what
//    follows it; the hash keeps it running if the policy ever comes first);
//  - style-src 'unsafe-inline': Vite injects every imported CSS file as a <style> at run time;
//  - connect-src: the dev server's own ws:// origins, for hot reload.
// `apply: 'serve'`: a build never runs this, so out/renderer/index.html keeps the policy as written
// (test/shell/dev-csp.test.ts checks both).
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The page's policy with the dev server's relaxations (pure, so the test can read it too). */
export function devPolicy(policy: string, o: { inlineScripts: string[]; wsOrigins: string[] }): string {
  const hashes = o.inlineScripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  const add: Record<string, string[]> = {
    'script-src': hashes,
    'style-src': ["'unsafe-inline'"],
    'connect-src': o.wsOrigins,
  };
  return policy
    .split(';')
    .map((part) => {
      const d = part.trim();
      const name = d.split(/\s+/)[0]?.toLowerCase() ?? '';
      const extra = (add[name] ?? []).filter((v) => !d.split(/\s+/).includes(v));
      return extra.length > 0 ? `${d} ${extra.join(' ')}` : d;
    })
    .join('; ');
}

export function devCsp(): Plugin {
  return {
    name: 'omni-dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      // After every other plugin (React's preamble, Vite's client) has written into the page.
      order: 'post',
      handler(html, ctx) {
        const inlineScripts = [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1]!).filter((s) => s.trim() !== '');
        const urls = [...(ctx.server?.resolvedUrls?.local ?? []), ...(ctx.server?.resolvedUrls?.network ?? [])];
        const wsOrigins = [...new Set(urls.map((u) => new URL(u)).map((u) => `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`))];
        if (!META.test(html)) throw new Error('renderer/index.html has no Content-Security-Policy <meta>: scripts/vite-dev-csp.ts has nothing to relax.');
        return html.replace(META, (_all, open: string, policy: string, close: string) => `${open}${devPolicy(policy, { inlineScripts, wsOrigins })}${close}`);
      },
    },
  };
}
