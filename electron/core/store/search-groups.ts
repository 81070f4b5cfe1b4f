// History search grouped by conversation (search.conversations), with its filters: whose messages (the
// user's, the model's) and only conversations with media (schema v7's has_media).
//
// The same walk as the flat search (search.ts): FTS5 trigram for terms of 3+ characters, LIKE for shorter
// ones, newest message first (row_id), so a common word stops early instead of sorting every hit. It stops
// once it has the conversations asked for, or after SCAN_MAX rows (one conversation with thousands of hits
// cannot hold the others back for long). FTS5's snippet() is computed in the walk, row by row as it is
// stepped: asked afterwards for one row (MATCH plus that rowid) FTS5 walks the term's whole list again, some
// 10 ms a row for a common word on 200,000 messages (the history benchmark), against ~12 µs in the walk.
import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/domain';
import type {
  ConversationSearchGroup, ConversationSearchHit, ConversationSearchResult, MarkedSnippet, SearchSpeaker, SnippetPart,
} from '../../../shared/search';
import { CONVERSATION_COLUMNS, toSummary, type ConversationRow } from './rows';
import { aroundTerms, OPEN, parseMarked, searchTerms, SNIPPET_SQL } from './search';

/** Rows examined (after the filters) before the search says "there may be more". */
export const SCAN_MAX = 500;

export interface GroupedSearchOptions {
  speaker: SearchSpeaker;
  withMedia: boolean;
  conversationId?: string | undefined;
  conversations: number;
  hitsPerConversation: number;
}

interface HitRow {
  row_id: number;
  id: string;
  conversation_id: string;
  role: string;
  created_at: number;
  /** snippet() with the matches between markers (FTS path); null on the LIKE path. */
  snippet: string | null;
}

export function createGroupedSearch(db: Database): (query: string, o: GroupedSearchOptions) => ConversationSearchResult {
  const conversation = db.prepare<[string], ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`);
  const fields = db.prepare<[number], { text: string; reasoning: string }>('SELECT text, reasoning FROM messages WHERE row_id = ?');

  const run = db.transaction((query: string, o: GroupedSearchOptions): ConversationSearchResult => {
    const { terms, match, likeWhere, likeArgs } = searchTerms(query);
    if (terms.length === 0) return { groups: [], more: false };

    const where = [...likeWhere];
    const args: unknown[] = [...likeArgs];
    if (o.speaker !== 'anyone') {
      where.push('m.role = ?');
      args.push(o.speaker);
    }
    if (o.conversationId !== undefined) {
      where.push('m.conversation_id = ?');
      args.push(o.conversationId);
    }
    if (o.withMedia) where.push('c.has_media = 1');
    const sql = match !== null
      ? `SELECT m.row_id, m.id, m.conversation_id, m.role, m.created_at, ${SNIPPET_SQL} AS snippet
         FROM messages_fts JOIN messages m ON m.row_id = messages_fts.rowid JOIN conversations c ON c.id = m.conversation_id
         WHERE messages_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
         ORDER BY messages_fts.rowid DESC LIMIT ?`
      : `SELECT m.row_id, m.id, m.conversation_id, m.role, m.created_at, NULL AS snippet
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE ${where.join(' AND ')}
         ORDER BY m.row_id DESC LIMIT ?`;
    const params = match !== null ? [match, ...args, SCAN_MAX] : [...args, SCAN_MAX];

    const found = new Map<string, { rows: HitRow[]; more: boolean }>();
    let scanned = 0;
    let stoppedEarly = false;
    for (const r of db.prepare<unknown[], HitRow>(sql).iterate(...params)) {
      scanned++;
      const g = found.get(r.conversation_id);
      if (g) {
        if (g.rows.length < o.hitsPerConversation) g.rows.push(r);
        else g.more = true;
      } else if (found.size < o.conversations) {
        found.set(r.conversation_id, { rows: [r], more: false });
      } else {
        // A hit in one more conversation than asked for: the ones kept are the newest; say there are others.
        stoppedEarly = true;
        break;
      }
    }

    const snippet = (r: HitRow): MarkedSnippet => {
      if (r.snippet !== null && r.snippet.includes(OPEN)) return toRanges(parseMarked(r.snippet));
      const f = fields.get(r.row_id);
      return toRanges(aroundTerms(f?.text ?? '', f?.reasoning ?? '', terms));
    };
    const groups: ConversationSearchGroup[] = [];
    for (const [id, g] of found) {
      const row = conversation.get(id);
      if (!row) continue;
      groups.push({
        conversation: toSummary(row),
        hits: g.rows.map((r): ConversationSearchHit => ({ messageId: r.id, role: r.role as Role, snippet: snippet(r), createdAt: r.created_at })),
        more: g.more,
      });
    }
    return { groups, more: stoppedEarly || scanned >= SCAN_MAX };
  });

  return (query, o) => {
    if (!Number.isInteger(o.conversations) || o.conversations < 1) throw new RangeError(`Search must ask for at least one conversation, not ${o.conversations}.`);
    if (!Number.isInteger(o.hitsPerConversation) || o.hitsPerConversation < 1) {
      throw new RangeError(`Search must ask for at least one hit per conversation, not ${o.hitsPerConversation}.`);
    }
    return run(query, o);
  };
}

/** Snippet pieces as one text and the [start, end) ranges of its matched pieces. */
export function toRanges(parts: readonly SnippetPart[]): MarkedSnippet {
  let text = '';
  const ranges: Array<[number, number]> = [];
  for (const p of parts) {
    if (p.match && p.text.length > 0) ranges.push([text.length, text.length + p.text.length]);
    text += p.text;
  }
  return { text, ranges };
}
