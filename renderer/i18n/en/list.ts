// English for the Conversations list's date groups, pins and media titles (issue 16).
export const list = {
  'list.pinned': 'Pinned',
  'list.today': 'Today',
  'list.yesterday': 'Yesterday',
  'list.previous7': 'Previous 7 days',
  'list.older': 'Older',
  'list.pin': 'Pin',
  'list.unpin': 'Unpin',
  'list.media.image': 'Image: {name}',
  'list.media.audio': 'Audio: {name}',
  'list.media.video': 'Video: {name}',
  'list.mediaMore': { one: '{title} and {count} more', other: '{title} and {count} more' },
} as const;
