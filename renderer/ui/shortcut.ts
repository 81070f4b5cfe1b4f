// Keyboard shortcuts written once, as 'Mod+K' ('Mod' is ⌘ on macOS and Ctrl elsewhere), and shown the
// way each platform writes them: in a tooltip ('⌘K' / 'Ctrl+K') and to screen readers (aria-keyshortcuts).

export function isMac(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧', Enter: '↩', Escape: 'Esc' };
const OTHER_NAMES: Record<string, string> = { Mod: 'Ctrl', Escape: 'Esc' };

/** 'Mod+Shift+K' → '⇧⌘K' on macOS, 'Ctrl+Shift+K' elsewhere. */
export function formatShortcut(shortcut: string, mac: boolean = isMac()): string {
  const keys = shortcut.split('+');
  if (mac) {
    // macOS writes modifiers in a fixed order, without separators.
    const order = ['Ctrl', 'Alt', 'Shift', 'Mod'];
    const mods = keys.filter((k) => order.includes(k)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const rest = keys.filter((k) => !order.includes(k));
    return [...mods, ...rest].map((k) => MAC_SYMBOLS[k] ?? k).join('');
  }
  return keys.map((k) => OTHER_NAMES[k] ?? k).join('+');
}

/** The same shortcut as aria-keyshortcuts wants it: 'Mod+K' → 'Control+K' (or 'Meta+K' on macOS). */
export function ariaShortcut(shortcut: string, mac: boolean = isMac()): string {
  const names: Record<string, string> = { Mod: mac ? 'Meta' : 'Control', Ctrl: 'Control', Esc: 'Escape' };
  return shortcut.split('+').map((k) => names[k] ?? k).join('+');
}
