// Why a wrapper: Radix's menu gives the menu roles, arrow keys, typeahead, Escape and the focus's return
// to the trigger; this gives items the app's look (icon, text, shortcut column, a danger tone) and keeps
// the menu inside the window.
import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement, ReactNode } from 'react';
import { formatShortcut } from './shortcut';

export interface MenuProps {
  /** The element that opens it (an IconButton, usually); its name is the menu's name too. */
  trigger: ReactElement;
  children: ReactNode;
  side?: 'top' | 'right' | 'bottom' | 'left';
  align?: 'start' | 'center' | 'end';
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export function Menu({ trigger, children, side = 'bottom', align = 'end', open, onOpenChange }: MenuProps) {
  return (
    // Not modal: the rest of the window stays live (a click outside closes the menu and does its own thing).
    <RadixMenu.Root modal={false} open={open} onOpenChange={onOpenChange}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content className="ui-menu" side={side} align={align} sideOffset={4} collisionPadding={8}>
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

export interface MenuItemProps {
  children: ReactNode;
  onSelect: () => void;
  icon?: ReactNode;
  shortcut?: string;
  /** A destructive action (Delete): shown in the danger colour. */
  danger?: boolean;
  disabled?: boolean;
}

export function MenuItem({ children, onSelect, icon, shortcut, danger, disabled }: MenuItemProps) {
  return (
    <RadixMenu.Item className={danger ? 'ui-menu-item danger' : 'ui-menu-item'} onSelect={onSelect} disabled={disabled}>
      <span className="ui-menu-icon" aria-hidden="true">{icon}</span>
      <span className="ui-menu-text">{children}</span>
      {shortcut && <kbd className="ui-kbd">{formatShortcut(shortcut)}</kbd>}
    </RadixMenu.Item>
  );
}

export function MenuSeparator() {
  return <RadixMenu.Separator className="ui-menu-separator" />;
}
