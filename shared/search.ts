// What a history search returns. The snippet comes as pieces (plain text, each marked as a match or not)
// so the renderer draws <mark> itself from text nodes and never inserts markup taken from the database.
import { z } from './zod';
import { Id, Role } from './domain';

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

export const SearchInput = z
  .object({
    query: z.string().max(500, 'Search for at most 500 characters.'),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
