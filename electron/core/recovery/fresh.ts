// Starting afresh: the damaged history is kept, renamed `omni-desk.damaged-<timestamp>.db` beside where it
// was (its -wal and -shm companions renamed with it, so SQLite still pairs them); a new file then takes its
// place. Nothing is deleted.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export function keepDamagedAside(dataDir: string, fileName: string, now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  let keptAs = `omni-desk.damaged-${stamp}.db`;
  for (let n = 2; existsSync(join(dataDir, keptAs)); n++) keptAs = `omni-desk.damaged-${stamp}-${n}.db`;
  const from = join(dataDir, fileName);
  const to = join(dataDir, keptAs);
  // The log first: if the main file's rename then fails, no new database can pick up a stray log.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  }
  renameSync(from, to);
  return keptAs;
}
