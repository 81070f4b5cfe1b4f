// The renderer's address under `electron-vite dev`, and never in a build. electron-vite replaces
// import.meta.env.DEV by `false` when it builds the main process, so the read of ELECTRON_RENDERER_URL
// below is dropped from out/main altogether (test/shell/bundle-size.test.ts looks for it in the built
// file): no environment variable can point a built or packaged app's trusted window, with its bridge
// and its microphone, at another page. Even under dev only a loopback http(s) address is taken, which is
// where Vite's dev server listens.

export function devRendererUrl(): string | undefined {
  if (!import.meta.env.DEV) return undefined;
  return loopbackHttpUrl(process.env['ELECTRON_RENDERER_URL']);
}

/** `url` if it is an http(s) address on this computer (127.0.0.0/8, ::1, localhost), else undefined. */
export function loopbackHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const host = u.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return loopback ? url : undefined;
}
