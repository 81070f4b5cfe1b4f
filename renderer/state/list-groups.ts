// The Conversations list's date groups: Pinned, Today, Yesterday, Previous 7 days, then one per month (the
// last 12), then Older. The core counts, with each page, how many unpinned conversations were active since
// each bound (conversations.page `dateBounds` → `activeSince`), so the list places every heading before it
// has fetched the rows under it; the bounds are the local calendar's, made here.

export type GroupLabel =
  | { kind: 'pinned' | 'today' | 'yesterday' | 'week' | 'older' }
  | { kind: 'month'; month: number };

export interface ListGroup {
  label: GroupLabel;
  /** Its first conversation's index in the list, and how many it holds (never 0). */
  start: number;
  count: number;
}

const MONTHS = 12;

/** The bounds, newest first: today, yesterday, 7 days ago (local midnight), then the starts of the last 12 months. */
export function listDateBounds(now: number = Date.now()): number[] {
  const d = new Date(now);
  const day = (back: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime();
  const bounds = [day(0), day(1), day(7)];
  for (let m = 0; m < MONTHS; m++) {
    const start = new Date(d.getFullYear(), d.getMonth() - m, 1).getTime();
    // A month already wholly inside "previous 7 days" adds nothing; its start is still a bound (count 0).
    bounds.push(Math.min(start, bounds[2]!));
  }
  return bounds;
}

/** The groups of a list of `total` conversations whose first `pinned` are pinned. */
export function listGroups(total: number, pinned: number, bounds: readonly number[], activeSince: readonly number[]): ListGroup[] {
  const groups: ListGroup[] = [];
  let at = 0;
  const add = (label: GroupLabel, count: number) => {
    const n = Math.max(0, Math.min(count, total - at));
    if (n > 0) groups.push({ label, start: at, count: n });
    at += n;
  };
  add({ kind: 'pinned' }, pinned);
  if (activeSince.length === bounds.length && bounds.length >= 3) {
    let before = 0;
    activeSince.forEach((since, i) => {
      const label: GroupLabel = i === 0 ? { kind: 'today' } : i === 1 ? { kind: 'yesterday' } : i === 2 ? { kind: 'week' }
        : { kind: 'month', month: bounds[i]! };
      add(label, since - before);
      before = since;
    });
  }
  add({ kind: 'older' }, total - at);
  return groups;
}

/** Where rows and headings sit: each group's heading, then its rows (fixed heights). */
export function listGeometry(groups: readonly ListGroup[], rowHeight: number, headingHeight: number) {
  const headingsBefore = (i: number) => {
    let n = 0;
    for (const g of groups) if (g.start <= i) n++;
    return n;
  };
  return {
    /** The top of conversation `i`. */
    offsetOf: (i: number) => i * rowHeight + headingsBefore(i) * headingHeight,
    /** The top of group `gi`'s heading. */
    headingTop: (gi: number) => groups[gi]!.start * rowHeight + gi * headingHeight,
    /** The conversation at height `y` (the next one when `y` falls on a heading). */
    indexAt: (y: number) => {
      let i = 0;
      for (const [gi, g] of groups.entries()) {
        const top = g.start * rowHeight + (gi + 1) * headingHeight;
        if (y < top + g.count * rowHeight) return g.start + Math.max(0, Math.floor((y - top) / rowHeight));
        i = g.start + g.count;
      }
      return i;
    },
    height: (total: number) => total * rowHeight + groups.length * headingHeight,
  };
}
export type ListGeometry = ReturnType<typeof listGeometry>;
