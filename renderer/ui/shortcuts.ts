// The window's keyboard shortcuts, in one registry: a feature registers what it does on a key (useShortcut)
// and the registry runs it from one keydown listener, and lists it in the Keyboard shortcuts dialog
// (ShortcutsDialog.tsx) in the user's language. Keys are written once as 'Mod+N' (⌘ on macOS, Ctrl
// elsewhere; shortcut.ts shows them per platform). A shortcut that another part of the window handles itself
// (Enter in the composer) can be registered for the list only, without `run`.
//
// A key that an open dialog, menu or popover takes (Escape closing it), or that a field handled and marked
// done (preventDefault), runs nothing here.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { MessageKey } from '../i18n';
import { isMac } from './shortcut';

export interface Shortcut {
  /** 'Mod+N', 'Mod+Shift+Space', 'Escape', 'Mod+/'. */
  keys: string;
  /** What it does, as the shortcuts list says it. */
  label: MessageKey;
  /** Runs on the key; returning false lets the key go on as if there were no shortcut. */
  run?: (e: KeyboardEvent) => boolean | void;
  /** Keep the list in this order (lower first); default 100. */
  order?: number;
}

const MODIFIERS = new Set(['Mod', 'Ctrl', 'Alt', 'Shift', 'Meta']);

/** Does the key event press exactly these keys? */
export function matchesShortcut(keys: string, e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, mac = isMac()): boolean {
  const parts = keys.split('+');
  const key = parts.find((k) => !MODIFIERS.has(k)) ?? '';
  const want = {
    ctrl: parts.includes('Ctrl') || (!mac && parts.includes('Mod')),
    meta: parts.includes('Meta') || (mac && parts.includes('Mod')),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
  if (e.ctrlKey !== want.ctrl || e.metaKey !== want.meta || e.altKey !== want.alt) return false;
  // '/' and '?' differ by Shift on most layouts: for a punctuation key only the character counts.
  const punctuation = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!punctuation && e.shiftKey !== want.shift) return false;
  if (key === 'Space') return e.code === 'Space';
  return e.key.toLowerCase() === key.toLowerCase();
}

/** Something that takes keys for itself while it is open. */
const OWNS_KEYS = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]';

export class ShortcutRegistry {
  private readonly entries = new Set<Shortcut>();
  private listed: Shortcut[] = [];
  private readonly listeners = new Set<() => void>();

  register(s: Shortcut): () => void {
    this.entries.add(s);
    this.changed();
    return () => {
      this.entries.delete(s);
      this.changed();
    };
  }

  /** Every registered shortcut, each keys once, in order. The same array until one is added or removed. */
  list = (): readonly Shortcut[] => this.listed;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The window's keydown: runs the first matching shortcut; true when one took the key. */
  handle = (e: KeyboardEvent): boolean => {
    if (e.defaultPrevented || e.isComposing || e.repeat) return false;
    const target = e.target instanceof Element ? e.target : null;
    const inOwner = target?.closest(OWNS_KEYS) ?? document.querySelector('[role="dialog"][data-state="open"], [role="menu"][data-state="open"]');
    for (const s of [...this.entries].reverse()) {
      if (!s.run || !matchesShortcut(s.keys, e)) continue;
      // Inside a dialog or menu only the window-wide chords run, never a plain key such as Escape.
      if (inOwner && !/Mod|Ctrl|Meta/.test(s.keys)) return false;
      if (s.run(e) === false) continue;
      e.preventDefault();
      return true;
    }
    return false;
  };

  private changed(): void {
    const seen = new Set<string>();
    this.listed = [...this.entries]
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
      .filter((s) => !seen.has(s.keys) && seen.add(s.keys));
    for (const l of this.listeners) l();
  }
}

/** The window's one registry. */
export const shortcuts = new ShortcutRegistry();

/** Registers a shortcut while the component is mounted; `run` may change between renders. */
export function useShortcut(keys: string, label: MessageKey, run?: (e: KeyboardEvent) => boolean | void, order?: number): void {
  const latest = useRef(run);
  latest.current = run;
  const hasRun = run !== undefined;
  useEffect(
    () => shortcuts.register({ keys, label, order, ...(hasRun ? { run: (e: KeyboardEvent) => latest.current?.(e) } : {}) }),
    [keys, label, order, hasRun],
  );
}

/** Installs the registry's keydown listener on the window while mounted (once, in App). */
export function useShortcutListener(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void shortcuts.handle(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function useShortcutList(): readonly Shortcut[] {
  return useSyncExternalStore(shortcuts.subscribe, shortcuts.list);
}
