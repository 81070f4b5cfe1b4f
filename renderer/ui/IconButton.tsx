// Why a wrapper: an icon alone says nothing. Here one translated label is both the button's accessible name
// and its tooltip (shown on hover and on keyboard focus), so the two never disagree, and a shortcut given
// once appears in the tooltip and in aria-keyshortcuts.
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Tooltip } from './Tooltip';
import { ariaShortcut, formatShortcut } from './shortcut';

export interface IconButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'children' | 'aria-label'> {
  /** The accessible name and the tooltip's text (translated). */
  label: string;
  /** The icon (a lucide-react icon, or one of ui/icons.tsx). */
  icon: ReactNode;
  /** 'Mod+K' style; shown in the tooltip and given to screen readers. */
  shortcut?: string;
  tooltipSide?: 'top' | 'right' | 'bottom' | 'left';
}

export function IconButton({ label, icon, shortcut, tooltipSide, className, type = 'button', ...rest }: IconButtonProps) {
  return (
    // The tooltip repeats the name, so it describes the button only when it adds the shortcut.
    <Tooltip content={label} shortcut={shortcut} side={tooltipSide} description={shortcut ? formatShortcut(shortcut) : undefined}>
      <button
        type={type}
        className={className ? `icon-button ${className}` : 'icon-button'}
        aria-label={label}
        aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
        {...(shortcut ? {} : { 'aria-describedby': undefined })}
        {...rest}
      >
        {icon}
      </button>
    </Tooltip>
  );
}
