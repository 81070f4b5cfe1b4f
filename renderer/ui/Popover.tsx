// Why a wrapper: Radix places the popover, flips and shifts it to stay in view, traps nothing and returns
// the focus; this adds what every popover here needs once: 8 px from the window's edges, never outside it
// (sticky), and a height capped to the room Radix measures, so a tall one scrolls inside at 800×600.
import * as RadixPopover from '@radix-ui/react-popover';
import type { ReactElement, ReactNode } from 'react';

export interface PopoverProps {
  /** The element that opens it (a button that takes a ref and props). */
  trigger: ReactElement;
  /** The popover's accessible name (it is a dialog to screen readers). */
  label: string;
  children: ReactNode;
  side?: 'top' | 'right' | 'bottom' | 'left';
  align?: 'start' | 'center' | 'end';
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
  /** Where the keyboard goes when it opens (default: its first focusable element). */
  onOpenAutoFocus?: (e: Event) => void;
}

export function Popover({ trigger, label, children, side = 'bottom', align = 'start', open, onOpenChange, className, onOpenAutoFocus }: PopoverProps) {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          className={className ? `ui-popover ${className}` : 'ui-popover'}
          aria-label={label}
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          sticky="always"
          onOpenAutoFocus={onOpenAutoFocus}
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}

/** A button inside the popover that closes it (wraps one element). */
export const PopoverClose = RadixPopover.Close;
