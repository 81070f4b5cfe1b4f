// Full-text search over messages (index kept by the triggers of migration 003).
//
// Each whitespace-separated term of 3+ characters goes to FTS5 (trigram) as a quoted phrase, so user input
// is never read as FTS5 syntax (`"`, `*`, AND, NEAR…); shorter terms — a 2-character Chinese word such as
// 北京 has no trigram — are matched with LIKE. All terms must match. Newest messages first: by row_id, which
// grows with every message written, so both paths walk from the newest row and stop at the limit instead of
// sorting every hit (a common word or a 1–2-character term can match much of 200,000 messages) and building
// a snippet for each.
import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/domain';
import type { SearchHit, SnippetPart } from '../../../shared/search';

// Control characters that never occur in typed text mark the match inside FTS5's snippet().
export const OPEN = '\u0002';
const CLOSE = '\u0003';
const ELLIPSIS = '…';
// With trigrams a token is about one character; 64 is snippet()'s maximum.
const SNIPPET_TOKENS = 64;
/** FTS5's snippet() of the best column, matches between OPEN and CLOSE (for a query over messages_fts). */
export const SNIPPET_SQL = `snippet(messages_fts, -1, '${OPEN}', '${CLOSE}', '${ELLIPSIS}', ${SNIPPET_TOKENS})`;

/**
 * A query's terms (whitespace-separated, each once): 3+ characters go to FTS5 (trigram) as quoted phrases
 * (`match`, null when there are none), shorter ones to LIKE (`likeWhere` with its `likeArgs`, to AND in).
 */
export function searchTerms(query: string): { terms: string[]; match: string | null; likeWhere: string[]; likeArgs: string[] } {
  const terms = [...new Set(query.trim().split(/\s+/u).filter((t) => t.length > 0))];
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return {
    terms,
    match: long.length > 0 ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null,
    likeWhere: short.map(() => "(m.text LIKE ? ESCAPE '\\' OR m.reasoning LIKE ? ESCAPE '\\')"),
    likeArgs: short.flatMap((t) => [likePattern(t), likePattern(t)]),
  };
}
/** Characters kept on each side of a LIKE match. */
const CONTEXT_CHARS = 30;

interface HitRow {
  conversation_id: string;
  conversation_title: string;
  message_id: string;
  role: string;
  created_at: number;
  text: string;
  reasoning: string;
  snippet: string | null;
}

export function createSearch(db: Database): (query: string, limit: number) => SearchHit[] {
  return (query, limit) => {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Search limit must be a positive integer, not ${limit}.`);
    const { terms, match, likeWhere, likeArgs } = searchTerms(query);
    if (terms.length === 0) return [];

    let rows: HitRow[];
    if (match !== null) {
      const sql = `
        SELECT m.conversation_id, c.title AS conversation_title, m.id AS message_id, m.role, m.created_at,
               m.text, m.reasoning, ${SNIPPET_SQL} AS snippet
        FROM messages_fts
        JOIN messages m ON m.row_id = messages_fts.rowid
        JOIN conversations c ON c.id = m.conversation_id
        WHERE messages_fts MATCH ? ${likeWhere.map((w) => `AND ${w}`).join(' ')}
        ORDER BY messages_fts.rowid DESC LIMIT ?`;
      rows = db.prepare<unknown[], HitRow>(sql).all(match, ...likeArgs, limit);
    } else {
      const sql = `
        SELECT m.conversation_id, c.title AS conversation_title, m.id AS message_id, m.role, m.created_at,
               m.text, m.reasoning, NULL AS snippet
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE ${likeWhere.join(' AND ')}
        ORDER BY m.row_id DESC LIMIT ?`;
      rows = db.prepare<unknown[], HitRow>(sql).all(...likeArgs, limit);
    }
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      conversationTitle: r.conversation_title,
      messageId: r.message_id,
      role: r.role as Role,
      snippet: r.snippet !== null && r.snippet.includes(OPEN) ? parseMarked(r.snippet) : aroundTerms(r.text, r.reasoning, terms),
      createdAt: r.created_at,
    }));
  };
}

export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Splits snippet() output at the markers into text pieces. */
export function parseMarked(s: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = s;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return merge(parts.filter((p) => p.text.length > 0));
}

/** A snippet built here (LIKE matches): the first field holding a term, a window around its first match. */
export function aroundTerms(text: string, reasoning: string, terms: readonly string[]): SnippetPart[] {
  const lower = terms.map((t) => fold(t));
  const source = [text, reasoning].find((f) => lower.some((t) => fold(f).includes(t))) ?? text;
  const hay = fold(source);
  const first = Math.min(...lower.map((t) => hay.indexOf(t)).filter((i) => i >= 0));
  const from = notInsidePair(source, Number.isFinite(first) ? Math.max(0, first - CONTEXT_CHARS) : 0);
  const to = notInsidePair(source, Math.min(source.length, (Number.isFinite(first) ? first : 0) + CONTEXT_CHARS * 2));
  const window = source.slice(from, to);
  const wl = fold(window);
  const marks = new Array<boolean>(window.length).fill(false);
  for (const t of lower) {
    for (let i = wl.indexOf(t); i >= 0 && t.length > 0; i = wl.indexOf(t, i + t.length)) marks.fill(true, i, i + t.length);
  }
  const parts: SnippetPart[] = [];
  if (from > 0) parts.push({ text: ELLIPSIS, match: false });
  for (let i = 0; i < window.length; i++) parts.push({ text: window.charAt(i), match: marks[i] ?? false });
  if (to < source.length) parts.push({ text: ELLIPSIS, match: false });
  return merge(parts);
}

/**
 * Case folding as SQLite's LIKE does it: ASCII letters only. Unlike toLowerCase it never changes the
 * length (İ becomes two code units there), so positions found in the folded text hold in the original.
 */
function fold(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Moves a cut that would split a surrogate pair (an emoji, a rare CJK character) to just before it. */
function notInsidePair(s: string, i: number): number {
  const code = s.charCodeAt(i);
  return i > 0 && i < s.length && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}

function merge(parts: SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.match === p.match) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
