// File names made from what a user typed (a title, an attachment's name) that every file system accepts.

/**
 * Characters Windows, macOS or Linux refuse in a name (and control characters) become spaces; runs of
 * spaces fold, leading dots and trailing dots/spaces go (hidden files, Windows), and the result is cut to
 * `max` characters. Empty → `fallback`.
 */
export function safeFileBase(text: string, fallback: string, max = 60): string {
  const clean = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || '<>:"/\\|?*'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  const cut = Array.from(clean).slice(0, max).join('').replace(/[. ]+$/, '').trim();
  // Names Windows reserves for devices, whatever the extension.
  if (!cut || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cut)) return fallback;
  return cut;
}

/** A Markdown link target for a relative path: each segment percent-encoded (spaces, non-ASCII, parentheses). */
export function linkTarget(relPath: string): string {
  return relPath.split('/').map((s) => encodeURIComponent(s)).join('/');
}

/** `YYYY-MM-DD HH:MM` in local time. */
export function localStamp(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `YYYY-MM-DD HH-MM` in local time: the stamp in a file name (Windows refuses ':'). */
export function fileStamp(at: number): string {
  return localStamp(at).replace(':', '-');
}
