// The one Content-Security-Policy both shells send with the renderer (Electron's app:// protocol and the
// browser shell's HTTP server). renderer/index.html carries the same policy in a <meta> tag, minus
// frame-ancestors, which only works as a header; test/shell/csp.test.ts keeps the two in step.
//
// Why each source: scripts and the AudioWorklet only from the app itself (no inline, no eval, no blob:);
// connect-src 'self' also covers the browser shell's ws://127.0.0.1:PORT (CSP3 matches ws: to an http:
// page's own host and port); images and media may be blob:/data: for attachment previews and reply audio.
// Stored media (/media/<id>, /reply/<id>.wav) come from the app's own origin; app://omni is named as well
// for Electron's dev server page, which lives on another origin than the app:// protocol serving them.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' app://omni data: blob:",
  "media-src 'self' app://omni data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response carrying the renderer's files gets, in both shells. */
export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
