// English for the window's frame (issue 16): folding the sidebar, the theme, generated titles.
export const layout = {
  'layout.toggleSidebar': 'Toggle sidebar',
  'shortcuts.toggleSidebar': 'Show or hide the conversation list',
  'appearance.theme': 'Theme',
  'appearance.theme.system': 'Same as the system',
  'appearance.theme.light': 'Light',
  'appearance.theme.dark': 'Dark',
  'appearance.generateTitles': 'Name conversations with the model',
  'appearance.generateTitlesHint': 'After the first reply, a short text-only request asks the same model for a title (a few tokens, shown in the conversation’s total). Off: the title is the first question’s words.',
  'voiceSample.hear': 'Hear voice',
  'voiceSample.loading': 'Asking the model for a sample…',
  'voiceSample.playing': 'Playing {voice}…',
} as const;
