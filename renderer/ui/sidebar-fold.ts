// Whether the conversation list is shown beside the conversation. Under FOLD_BELOW_PX the window folds it by
// itself (an 800-px window gives the conversation its whole width); the user opens or folds it at any width
// (the Toggle sidebar button, Mod+B), and that choice holds until the window crosses the threshold again.
import { useCallback, useEffect, useState } from 'react';

/** Narrower than this, the sidebar starts folded. */
export const FOLD_BELOW_PX = 900;
const QUERY = `(max-width: ${FOLD_BELOW_PX - 0.02}px)`;

export interface SidebarFold {
  open: boolean;
  /** The window is narrower than FOLD_BELOW_PX. */
  narrow: boolean;
  toggle: () => void;
  setOpen: (open: boolean) => void;
}

export function useSidebarFold(): SidebarFold {
  const [narrow, setNarrow] = useState(() => window.matchMedia(QUERY).matches);
  const [open, setOpen] = useState(() => !window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const changed = () => {
      setNarrow(media.matches);
      setOpen(!media.matches);
    };
    media.addEventListener('change', changed);
    return () => media.removeEventListener('change', changed);
  }, []);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  return { open, narrow, toggle, setOpen };
}
