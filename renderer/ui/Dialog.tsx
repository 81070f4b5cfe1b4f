// Why a wrapper: Radix's modal dialog gives the focus trap, Escape, the rest of the window hidden from
// screen readers and the title as the accessible name; this fixes the layout
// every dialog here needs: a header with the title and Close that stay put while the body scrolls, sized to
// fit a window as small as 800×600, the keyboard landing where the caller says (not on Close) and going
// back on closing to whatever opened it.
import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useRef, type ReactNode, type RefObject } from 'react';
import { IconButton } from './IconButton';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The heading, and the dialog's accessible name. */
  title: string;
  /** The Close button's name and tooltip (translated). */
  closeLabel: string;
  /** A sentence under the title that describes the dialog (aria-describedby). */
  description?: string;
  children: ReactNode;
  /** Buttons that stay at the bottom while the body scrolls (Cancel / Save). */
  footer?: ReactNode;
  /** 420, 520 or 720 px wide, never wider than the window less 16 px each side. */
  size?: 'small' | 'medium' | 'large';
  className?: string;
  /** The element that takes the keyboard on opening; by default the dialog itself (its title is read). */
  initialFocus?: RefObject<HTMLElement | null>;
}

export function Dialog(p: DialogProps) {
  // Radix gives the focus back only to its own Trigger; these dialogs open from anywhere (a button, a
  // notice, a shortcut), so the wrapper remembers what had the focus and returns it there.
  const opener = useRef<HTMLElement | null>(null);
  const classes = ['ui-dialog', `ui-dialog-${p.size ?? 'medium'}`, p.className].filter(Boolean).join(' ');
  return (
    <RadixDialog.Root open={p.open} onOpenChange={p.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog-overlay" />
        <RadixDialog.Content
          className={classes}
          // Radix hides the rest of the window from screen readers; aria-modal says so to those that ask.
          aria-modal="true"
          // Radix asks for a description or an explicit "none"; a dialog without one is named by its title alone.
          {...(p.description ? {} : { 'aria-describedby': undefined })}
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            (p.initialFocus?.current ?? (e.currentTarget as HTMLElement | null))?.focus();
          }}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (opener.current?.isConnected) opener.current.focus();
            opener.current = null;
          }}
        >
          <header className="ui-dialog-head">
            <div className="ui-dialog-heading">
              <RadixDialog.Title className="ui-dialog-title">{p.title}</RadixDialog.Title>
              {p.description && <RadixDialog.Description className="ui-dialog-description">{p.description}</RadixDialog.Description>}
            </div>
            <RadixDialog.Close asChild>
              <IconButton label={p.closeLabel} icon={<X size={18} aria-hidden="true" />} tooltipSide="bottom" />
            </RadixDialog.Close>
          </header>
          <div className="ui-dialog-body">{p.children}</div>
          {p.footer && <footer className="ui-dialog-foot">{p.footer}</footer>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
