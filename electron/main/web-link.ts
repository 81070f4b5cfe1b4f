// Which links may leave the app for the user's browser: the web (http, https) and nothing else — not
// app://, file:, javascript: or a URL scheme some other program registered. No 'electron' import here.
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
