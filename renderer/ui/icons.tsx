// Small line icons, drawn inline as SVG (no icon font, nothing fetched). Decorative: the buttons that
// carry them have text or a label of their own.
import type { SVGProps } from 'react';

function Svg(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}
    />
  );
}

export const PlusIcon = () => (
  <Svg><path d="M12 5v14M5 12h14" /></Svg>
);
export const GearIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </Svg>
);
export const SendIcon = () => (
  <Svg><path d="M5 12h13M13 6l6 6-6 6" /></Svg>
);
export const StopIcon = () => (
  <Svg><rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor" stroke="none" /></Svg>
);
export const PlayIcon = () => (
  <Svg><path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke="none" /></Svg>
);
export const PauseIcon = () => (
  <Svg><path d="M8 5.5v13M16 5.5v13" strokeWidth="3" /></Svg>
);
export const CloseIcon = () => (
  <Svg><path d="M6 6l12 12M18 6L6 18" /></Svg>
);
export const SoundIcon = (props: SVGProps<SVGSVGElement>) => (
  <Svg width="14" height="14" {...props}>
    <path d="M4 10v4h4l5 4V6L8 10z" fill="currentColor" stroke="none" />
    <path d="M16.5 8.5a5 5 0 0 1 0 7" />
  </Svg>
);
export const ArrowDownIcon = () => (
  <Svg><path d="M12 5v14M6 13l6 6 6-6" /></Svg>
);
export const WarningIcon = () => (
  <Svg><path d="M12 3 2 20h20zM12 10v4M12 17.5v.5" /></Svg>
);
