// The app's icons by what they mean, drawn by lucide-react (one consistent line set, inline SVG, nothing
// fetched). Decorative: the buttons that carry them have text or a label of their own. New code may use
// lucide-react directly at size 18 (16 in dense rows); these names stay for the code that has them.
import type { SVGProps } from 'react';
import { ArrowDown, ArrowRight, Pause, Play, Plus, Settings, Square, TriangleExclamationPoint, Volume1, X, type LucideIcon } from 'lucide-react';

const STROKE = 1.8;

function icon(Icon: LucideIcon, size = 18, filled = false) {
  return function AppIcon(props: SVGProps<SVGSVGElement>) {
    const { ref: _ref, ...rest } = props as SVGProps<SVGSVGElement> & { ref?: unknown };
    return (
      <Icon
        size={size} strokeWidth={STROKE} aria-hidden="true" focusable="false"
        {...(filled ? { fill: 'currentColor' } : {})} {...(rest as object)}
      />
    );
  };
}

export const PlusIcon = icon(Plus);
export const GearIcon = icon(Settings);
export const SendIcon = icon(ArrowRight);
export const StopIcon = icon(Square, 18, true);
export const PlayIcon = icon(Play, 18, true);
export const PauseIcon = icon(Pause, 18, true);
export const CloseIcon = icon(X);
export const SoundIcon = icon(Volume1, 14);
export const ArrowDownIcon = icon(ArrowDown);
export const WarningIcon = icon(TriangleExclamationPoint);
