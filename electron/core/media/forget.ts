// Deleting a conversation deletes its files too: the pictures, recordings and videos kept in
// <dataDir>/media for it. Stored files are shared by content, so one goes only when no other message
// and no waiting attachment still uses it.
import { unlink } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { storedPath } from './content-store';

/** The stored files (`media/…` paths) of a conversation's messages; read before the rows are deleted. */
export function storedFilesOf(db: Database, conversationId: string): string[] {
  const rows = db
    .prepare<[string], string>(`SELECT a.prepared_json FROM message_attachments a JOIN messages m ON m.id = a.message_id
      WHERE m.conversation_id = ?`)
    .pluck()
    .all(conversationId);
  const out = new Set<string>();
  for (const json of rows) {
    try {
      const record = JSON.parse(json) as { files?: Array<{ relPath?: unknown }> };
      for (const f of record.files ?? []) if (typeof f.relPath === 'string') out.add(f.relPath);
    } catch {
      // A record that does not parse names no file.
    }
  }
  return [...out];
}

/** Removes each file no stored message refers to any more and `inUse` does not claim. */
export async function removeUnusedFiles(
  db: Database, dataDir: string, relPaths: readonly string[], inUse: (relPath: string) => boolean, log: (line: string) => void,
): Promise<number> {
  // relPaths are `media/xx/<hex>.<ext>`: no LIKE wildcard in them.
  const stillUsed = db.prepare<[string], number>("SELECT 1 FROM message_attachments WHERE instr(prepared_json, ?) > 0 LIMIT 1").pluck();
  let removed = 0;
  for (const relPath of relPaths) {
    if (stillUsed.get(`"${relPath}"`) !== undefined || inUse(relPath)) continue;
    let path: string;
    try {
      path = storedPath(dataDir, relPath);
    } catch {
      continue;
    }
    try {
      await unlink(path);
      removed++;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') log(`could not delete a stored file of a deleted conversation (${code ?? 'error'})`);
    }
  }
  return removed;
}
