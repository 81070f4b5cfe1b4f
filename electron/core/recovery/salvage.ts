// Reading what can still be read from a damaged history, read-only. Each table is walked by rowid from both
// ends; whatever lies between two unreadable places is looked up row by row, so one bad page costs only
// the rows on it. Nothing is ever written to the file.
import BetterSqlite3, { type Database } from 'better-sqlite3';

export interface SalvagedMessage {
  id: string;
  conversationId: string;
  ordering: number;
  role: string;
  text: string;
  reasoning: string;
  status: string;
  createdAt: number;
  /** File names of what was sent with it. */
  attachments: string[];
}

export interface SalvagedConversation {
  id: string;
  /** null when the conversation's own row could not be read (its messages could). */
  title: string | null;
  model: string | null;
  createdAt: number | null;
  messages: SalvagedMessage[];
}

export interface Salvage {
  conversations: SalvagedConversation[];
  /** Rows (or whole stretches of a table) that could not be read. */
  unreadable: number;
  /** The saved settings (language…), when they could be read. */
  settings: Record<string, unknown> | null;
}

/** At most this many single-row lookups per table, so a huge gap cannot hang the app. */
const MAX_PROBES = 1_000_000;
/** With no readable row above a gap, probing stops after this many rowids in a row that hold nothing. */
const MAX_EMPTY_RUN = 5_000;

export function salvageHistory(file: string): Salvage {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch {
    return { conversations: [], unreadable: 1, settings: null };
  }
  try {
    return salvageFrom(db);
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;

function salvageFrom(db: Database): Salvage {
  let unreadable = 0;
  let tables: string[] = [];
  try {
    tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  } catch {
    return { conversations: [], unreadable: 1, settings: null };
  }
  const read = (table: string, columns: string): Row[] => {
    if (!tables.includes(table)) return [];
    const r = readRows(db, table, columns);
    unreadable += r.unreadable;
    return r.rows;
  };
  const conversations = read('conversations', 'id, title, model, created_at');
  const messages = read('messages', 'id, conversation_id, ordering, role, text, reasoning, status, created_at');
  const attachments = read('message_attachments', 'message_id, position, name');
  const settingsRow = read('settings', 'key, value').find((r) => r.key === 'settings');
  let settings: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = settingsRow ? JSON.parse(String(settingsRow.value)) : null;
    if (parsed && typeof parsed === 'object') settings = parsed as Record<string, unknown>;
  } catch {
    settings = null;
  }

  const names = new Map<string, { position: number; name: string }[]>();
  for (const a of attachments) {
    const list = names.get(str(a.message_id)) ?? [];
    list.push({ position: num(a.position), name: str(a.name) });
    names.set(str(a.message_id), list);
  }
  const byId = new Map<string, SalvagedConversation>();
  for (const c of conversations) {
    byId.set(str(c.id), { id: str(c.id), title: str(c.title), model: str(c.model), createdAt: num(c.created_at), messages: [] });
  }
  for (const m of messages) {
    const conversationId = str(m.conversation_id);
    let c = byId.get(conversationId);
    if (!c) byId.set(conversationId, (c = { id: conversationId, title: null, model: null, createdAt: null, messages: [] }));
    c.messages.push({
      id: str(m.id), conversationId, ordering: num(m.ordering), role: str(m.role), text: str(m.text),
      reasoning: str(m.reasoning), status: str(m.status), createdAt: num(m.created_at),
      attachments: (names.get(str(m.id)) ?? []).sort((a, b) => a.position - b.position).map((a) => a.name),
    });
  }
  for (const c of byId.values()) c.messages.sort((a, b) => a.ordering - b.ordering || a.createdAt - b.createdAt);
  const list = [...byId.values()].sort((a, b) => (b.createdAt ?? latest(b)) - (a.createdAt ?? latest(a)));
  return { conversations: list, unreadable, settings };
}

function latest(c: SalvagedConversation): number {
  return c.messages.reduce((t, m) => Math.max(t, m.createdAt), 0);
}

function readRows(db: Database, table: string, columns: string): { rows: Row[]; unreadable: number } {
  const found = new Map<number, Row>();
  let unreadable = 0;
  let forwardEnd = 0;
  let forwardFailed = false;
  try {
    for (const r of db.prepare(`SELECT rowid AS _rowid, ${columns} FROM "${table}" ORDER BY rowid`).iterate() as Iterable<Row>) {
      const id = num(r._rowid);
      found.set(id, r);
      forwardEnd = id;
    }
  } catch {
    forwardFailed = true;
    unreadable += 1;
  }
  if (!forwardFailed) return { rows: [...found.values()], unreadable };

  let backwardStart = Number.POSITIVE_INFINITY;
  try {
    for (const r of db.prepare(`SELECT rowid AS _rowid, ${columns} FROM "${table}" ORDER BY rowid DESC`).iterate() as Iterable<Row>) {
      const id = num(r._rowid);
      if (id <= forwardEnd) break;
      found.set(id, r);
      backwardStart = id;
    }
  } catch {
    // The other end is damaged too: probe upwards until the rowids run out.
  }
  let probe: BetterSqlite3.Statement;
  try {
    probe = db.prepare(`SELECT rowid AS _rowid, ${columns} FROM "${table}" WHERE rowid = ?`);
  } catch {
    return { rows: [...found.values()], unreadable };
  }
  let emptyRun = 0;
  for (let id = forwardEnd + 1, n = 0; id < backwardStart && n < MAX_PROBES; id++, n++) {
    try {
      const r = probe.get(id) as Row | undefined;
      if (r) {
        found.set(id, r);
        emptyRun = 0;
      } else if (backwardStart === Number.POSITIVE_INFINITY && ++emptyRun > MAX_EMPTY_RUN) {
        break;
      }
    } catch {
      unreadable += 1;
      emptyRun = 0;
    }
  }
  return { rows: [...found.values()].sort((a, b) => num(a._rowid) - num(b._rowid)), unreadable };
}

function str(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return '';
  if (x instanceof Uint8Array) return Buffer.from(x).toString('utf8');
  return String(x);
}

function num(x: unknown): number {
  const n = typeof x === 'bigint' ? Number(x) : Number(x);
  return Number.isFinite(n) ? n : 0;
}
