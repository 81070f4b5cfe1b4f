// The app's UI kit: accessible primitives (Radix UI, cmdk) wrapped once with the app's look in both themes.
// Import from here; see each file's first comment for why it is a wrapper and not the library as is.
export { TooltipProvider, Tooltip, type TooltipProps } from './Tooltip';
export { IconButton, type IconButtonProps } from './IconButton';
export { Popover, PopoverClose, type PopoverProps } from './Popover';
export { Menu, MenuItem, MenuSeparator, type MenuProps, type MenuItemProps } from './Menu';
export { Select, type SelectProps, type SelectOption, type SelectGroup } from './Select';
export { SearchableList, type SearchableListProps, type SearchableItem } from './SearchableList';
export { Dialog, type DialogProps } from './Dialog';
// Slider is imported from './Slider' itself: re-exported here it would load with every window (a barrel's
// modules stay in the chunk that loads the barrel), and only a long file's chip (its own chunk) uses it.
export { formatShortcut, ariaShortcut } from './shortcut';
export { shortcuts, useShortcut, useShortcutListener, useShortcutList, matchesShortcut, type Shortcut } from './shortcuts';
export { ShortcutsDialog, SHORTCUTS_LIST_KEYS } from './ShortcutsDialog';
export { applyTheme, resolvedTheme, onResolvedThemeChange, type ThemeChoice } from './theme';
export { useSidebarFold, FOLD_BELOW_PX, type SidebarFold } from './sidebar-fold';
