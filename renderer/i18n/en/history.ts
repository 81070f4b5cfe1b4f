// English for the sidebar: the conversation list, search, rename and delete.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const history = {
  'sidebar.label': 'Sidebar',
  'sidebar.new': 'New conversation',
  'sidebar.conversations': 'Conversations',
  'sidebar.empty': 'No conversations yet. Your chats appear here.',
  'sidebar.hasAudio': 'Has spoken replies',
  'sidebar.untitled': 'Untitled conversation',
  'sidebar.settings': 'Settings',
  'search.label': 'Search conversations',
  'search.placeholder': 'Search conversations…',
  'search.results': 'Search results',
  'search.none': 'No messages match.',
  'search.failed': 'Search failed: {reason}',
  'browse.rename': 'Rename',
  'browse.delete': 'Delete',
  'browse.titleLabel': 'Conversation title',
  'browse.renameHint': 'Enter saves · Esc cancels',
  'browse.titleEmpty': 'A title cannot be empty. Type a few words, or press Escape to keep the old one.',
  'browse.titleTooLong': 'A title can be at most {max} characters. Shorten it and save again.',
  'browse.deleteTitle': 'Delete conversation?',
  'browse.deleteBody': '“{title}” and all its messages and reply audio will be removed from this computer. This cannot be undone.',
  'browse.deleteConfirm': 'Delete',
  'browse.cancel': 'Cancel',
  'browse.loadingRow': 'Loading…',
  'browse.count': { one: '{count} conversation', other: '{count} conversations' },
} as const;
