// English for search across conversations: the box, its filters and the grouped hits.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const search = {
  'search.filters': 'Search filters',
  'search.fromYou': 'You',
  'search.fromModel': 'The model',
  'search.hasMedia': 'Has media',
  'search.you': 'You',
  'search.assistantFallback': 'Omni',
  'search.moreInConversation': 'More matches in this conversation',
  'search.moreLoading': 'Finding more matches…',
  'search.moreCapped': 'The newest {count} matches in this conversation are shown: add a word to narrow the search.',
  'search.moreOlder': 'Older conversations may match too: add a word to narrow the search.',
  'search.hint': '↑ ↓ move · Enter opens · Esc clears',
  'search.count': { one: '{count} match', other: '{count} matches' },
} as const;
