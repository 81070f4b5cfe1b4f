// English for the window's frame (issue 16): folding the sidebar, the header's compact model · voice button.
export const layout = {
  'layout.toggleSidebar': 'Toggle sidebar',
  'shortcuts.toggleSidebar': 'Show or hide the conversation list',
} as const;
