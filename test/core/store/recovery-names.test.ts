// The readable conversations' file names in a recovery export: titles and ids come from a damaged file,
// so each must be one safe, new name in the export's folder (never README.md, never a sub-folder).
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExportFolder } from '../../../electron/core/export/conversation';
import { salvageFiles } from '../../../electron/core/recovery/markdown';
import type { SalvagedConversation } from '../../../electron/core/recovery/salvage';

const conv = (id: string, title: string | null, text: string): SalvagedConversation => ({
  id, title, model: null, createdAt: null,
  messages: [{ id: `${id}-m`, conversationId: id, ordering: 0, role: 'user', text, reasoning: '', status: 'complete', createdAt: 0, attachments: [] }],
});

describe('recovery export file names', () => {
  it('a conversation called README, or with no title and an id holding slashes, gets its own file in the folder', async () => {
    const files = salvageFiles({
      conversations: [conv('c1', 'README', 'first words'), conv('../../outside', null, 'second words')],
      unreadable: 0, settings: null,
    }, 0);
    const names = files.map((f) => f.path);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).not.toMatch(/[/\\]/);

    const dir = await mkdtemp(join(tmpdir(), 'omni-recovery-names-'));
    try {
      // The folder export writes every file as a new one (it never overwrites): all of them must go.
      const folder = await writeExportFolder({ baseName: 'Recovered', files }, dir);
      const written = await readdir(folder);
      expect(written.sort()).toEqual([...names].sort());
      expect(await readFile(join(folder, 'README.md'), 'utf8')).toMatch(/damaged Omni Desk history/);
      const all = await Promise.all(written.map((n) => readFile(join(folder, n), 'utf8')));
      expect(all.join('\n')).toContain('first words');
      expect(all.join('\n')).toContain('second words');
      expect(await readdir(dir)).toEqual(['Recovered']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
