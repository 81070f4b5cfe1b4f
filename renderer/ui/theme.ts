// The theme at run time. styles/base.css does the colouring: data-theme="light" | "dark" on the root
// element, or no attribute for the system's choice (which CSS then follows by itself, live). This module
// sets that attribute from the app's Theme choice, and tells code that draws with colours (a canvas
// reads them once per paint) when the resolved theme changes, whether by the setting or by the system.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

const listeners = new Set<(theme: ResolvedTheme) => void>();
let last: ResolvedTheme | null = null;
let media: MediaQueryList | null = null;

function root(): HTMLElement {
  return document.documentElement;
}

/** Light or dark as shown now: the attribute when set, else the system's preference. */
export function resolvedTheme(): ResolvedTheme {
  const set = root().dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function announce(): void {
  const now = resolvedTheme();
  if (now === last) return;
  last = now;
  for (const l of listeners) l(now);
}

/**
 * One listener on the system's preference for the page's life. A system change matters only while no
 * attribute is set; announce compares with the last resolved theme, so a change the attribute hides says nothing.
 */
function watchSystem(): void {
  if (media) return;
  media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', announce);
}

/** Shows the app in `choice`: 'system' removes the attribute, so the system's choice applies and is followed. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete root().dataset.theme;
  else root().dataset.theme = choice;
  watchSystem();
  announce();
}

/** Calls `listener` with the resolved theme each time it changes; returns the unsubscribe function. */
export function onResolvedThemeChange(listener: (theme: ResolvedTheme) => void): () => void {
  listeners.add(listener);
  watchSystem();
  last ??= resolvedTheme();
  return () => listeners.delete(listener);
}
