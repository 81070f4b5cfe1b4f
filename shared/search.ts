// What a history search returns. The snippet comes as pieces (plain text, each marked as a match or not)
// so the renderer draws <mark> itself from text nodes and never inserts markup taken from the database.
import { z } from './zod';
import { ConversationSummary, Id, Role } from './domain';

export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  conversationId: Id,
  conversationTitle: z.string(),
  messageId: Id,
  role: Role,
  snippet: z.array(SnippetPart),
  createdAt: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

// ---- search.conversations: hits grouped by conversation, with filters (issue 16)

/**
 * A snippet as plain text and the runs that matched, as [start, end) offsets into `text` in UTF-16 code
 * units (what String.prototype.slice counts): the renderer wraps each run in <mark> itself. An ellipsis
 * at either end means the message goes on.
 */
export const MarkedSnippet = z.object({
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type MarkedSnippet = z.infer<typeof MarkedSnippet>;

/** Whose messages to search: everyone's, the user's questions, or the model's replies. */
export const SearchSpeaker = z.enum(['anyone', 'user', 'assistant']);
export type SearchSpeaker = z.infer<typeof SearchSpeaker>;

export const ConversationSearchInput = z
  .object({
    query: z.string().max(500, 'Search for at most 500 characters.'),
    speaker: SearchSpeaker.default('anyone'),
    /** Only conversations in which some question carries a file (a picture, recording or video). */
    withMedia: z.boolean().default(false),
    /** Only this conversation (its hits beyond the first few: "more in this conversation"). */
    conversationId: Id.optional(),
    /** At most this many conversations, the one with the newest hit first. */
    conversations: z.number().int().min(1).max(50).default(20),
    /** At most this many hits in each, newest first. */
    hitsPerConversation: z.number().int().min(1).max(50).default(3),
  })
  .strict();
export type ConversationSearchInput = z.input<typeof ConversationSearchInput>;

export const ConversationSearchHit = z.object({
  messageId: Id,
  role: Role,
  snippet: MarkedSnippet,
  createdAt: z.number(),
});
export type ConversationSearchHit = z.infer<typeof ConversationSearchHit>;

export const ConversationSearchGroup = z.object({
  /** As the list shows it (title, titleMedia, pinned, updatedAt…). */
  conversation: ConversationSummary,
  hits: z.array(ConversationSearchHit),
  /** This conversation holds more hits than are listed (ask again with its conversationId). */
  more: z.boolean(),
});
export type ConversationSearchGroup = z.infer<typeof ConversationSearchGroup>;

export const ConversationSearchResult = z.object({
  groups: z.array(ConversationSearchGroup),
  /** Older conversations may hold hits too: the number asked for was reached, or the search stopped looking. */
  more: z.boolean(),
});
export type ConversationSearchResult = z.infer<typeof ConversationSearchResult>;
