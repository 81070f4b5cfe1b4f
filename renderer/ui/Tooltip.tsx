// Why a wrapper: Radix gives the tooltip its timing, opening on keyboard focus, Escape and the describedby
// link; this fixes its look, its offset from the trigger and the window's edges once for the whole app.
import * as RadixTooltip from '@radix-ui/react-tooltip';
import type { ReactElement, ReactNode } from 'react';
import { formatShortcut } from './shortcut';

/** Once, around the app: tooltips share one delay (a second one opens at once while moving along a row). */
export function TooltipProvider({ children }: { children: ReactNode }) {
  return (
    <RadixTooltip.Provider delayDuration={450} skipDelayDuration={300}>
      {children}
    </RadixTooltip.Provider>
  );
}

export interface TooltipProps {
  /** What the tooltip says (already translated). */
  content: ReactNode;
  /** A shortcut written as 'Mod+K', shown beside the text in the platform's own way. */
  shortcut?: string;
  side?: 'top' | 'right' | 'bottom' | 'left';
  /** What screen readers hear as the trigger's description (default: the visible content). */
  description?: string;
  /** The trigger: one element that takes a ref and props (a button, usually). */
  children: ReactElement;
}

export function Tooltip({ content, shortcut, side = 'top', description, children }: TooltipProps) {
  return (
    <RadixTooltip.Root>
      <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content className="ui-tooltip" side={side} sideOffset={6} collisionPadding={8} aria-label={description}>
          {content}
          {shortcut && <kbd className="ui-kbd">{formatShortcut(shortcut)}</kbd>}
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}
