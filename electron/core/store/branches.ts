// The versions of a conversation as a tree: every message follows its parent, siblings are versions of
// one turn (oldest first), and what the conversation shows is the path from its first message to the
// remembered leaf. Pure functions over the conversation's rows in insertion order.
import type { MessageVersions } from '../../../shared/domain';

export interface TreeRow {
  id: string;
  parent_id: string | null;
}

export interface Tree<R extends TreeRow> {
  byId: Map<string, R>;
  /** Children per parent id ('' for the first turn), oldest first. */
  children: Map<string, R[]>;
}

const ROOT = '';

export function buildTree<R extends TreeRow>(rowsInOrder: readonly R[]): Tree<R> {
  const byId = new Map<string, R>();
  const children = new Map<string, R[]>();
  for (const r of rowsInOrder) {
    byId.set(r.id, r);
    const key = r.parent_id ?? ROOT;
    const list = children.get(key);
    if (list) list.push(r);
    else children.set(key, [r]);
  }
  return { byId, children };
}

/**
 * From the first message down to `leafId`. A leaf that is gone (or never set) falls back to the newest
 * message, so a conversation never shows empty while it has messages.
 */
export function activePath<R extends TreeRow>(tree: Tree<R>, rowsInOrder: readonly R[], leafId: string | null): R[] {
  let at = (leafId ? tree.byId.get(leafId) : undefined) ?? rowsInOrder[rowsInOrder.length - 1];
  const path: R[] = [];
  const seen = new Set<string>();
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    path.push(at);
    at = at.parent_id === null ? undefined : tree.byId.get(at.parent_id);
  }
  return path.reverse();
}

export function versionsOf<R extends TreeRow>(tree: Tree<R>, row: R): MessageVersions {
  const siblings = tree.children.get(row.parent_id ?? ROOT) ?? [row];
  const ids = siblings.map((s) => s.id);
  return { index: Math.max(0, ids.indexOf(row.id)), count: ids.length, ids };
}

/** The newest message at or below `id`: where that version's latest path ends. */
export function newestLeafUnder<R extends TreeRow>(tree: Tree<R>, id: string): string {
  // Insertion order: a child is always newer than its parent, so the newest descendant has no children.
  let best = id;
  let bestRank = -1;
  const rank = new Map<string, number>();
  let i = 0;
  for (const r of tree.byId.keys()) rank.set(r, i++);
  const stack = [id];
  while (stack.length > 0) {
    const at = stack.pop()!;
    const r = rank.get(at) ?? -1;
    if (r > bestRank) {
      bestRank = r;
      best = at;
    }
    for (const c of tree.children.get(at) ?? []) stack.push(c.id);
  }
  return best;
}
