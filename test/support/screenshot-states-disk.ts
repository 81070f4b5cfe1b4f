// Screenshot states of a full disk (issue 17): the data folder on a small disk (a tmpfs as root, else
// SQLite's max_page_count), filled while a reply streams and again at Send — what a user meets when the
// disk runs out.
import type { ChatEvent } from '../../shared/contract';
import { openConversation, type ScreenshotState } from './screenshot-states';
import { fillableDisk, type FillableDisk } from './small-disk';

function state<Seeded>(s: ScreenshotState<Seeded>): ScreenshotState<unknown> {
  return s as ScreenshotState<unknown>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));


function diskFull(): ScreenshotState {
  let disk: FillableDisk | null = null;
  const theDisk = (): FillableDisk => {
    if (!disk) throw new Error('the disk-full state was not prepared');
    return disk;
  };
  return state({
    name: 'disk-full',
    shows: 'a full disk: a reply it stopped (failed, what arrived kept, the sentence naming the folder), then the alert after Send with the draft kept',
    harness: { dataRoot: () => ({ dir: theDisk().dataDir, databaseOpened: (db) => theDisk().databaseOpened(db) }) },
    async prepare() {
      disk = await fillableDisk('omni-shots-disk-');
    },
    async cleanup() {
      await disk?.close();
      disk = null;
    },
    async seed(ctx) {
      ctx.standin.setScenario({
        text: 'Tides rise and fall twice a day because the Moon pulls on the oceans. '.repeat(12), audioSeconds: 8, realtime: true, speech: false,
      });
      let arrived = 0;
      let ended: string | null = null;
      const off = ctx.core.subscribe((name, payload) => {
        if (name !== 'chat.event') return;
        const ev = payload as ChatEvent;
        if (ev.kind === 'text') arrived += ev.delta.length;
        if (ev.kind === 'outcome') ended = ev.status;
      });
      try {
        const sent = await ctx.core.handlers['chat.send']({
          conversationId: null, text: 'Why are there two tides a day?', attachmentIds: [], options: { speakReplies: true },
        });
        const until = Date.now() + 60_000;
        while (arrived < 200 && Date.now() < until) await pause(20);
        await theDisk().fill();
        while (!ended && Date.now() < until) await pause(20);
        if (ended !== 'failed') throw new Error(`the reply did not fail when the disk filled (${ended ?? 'still streaming'})`);
        // Room again, so the language can be set for the pictures (the held reply is written meanwhile).
        await theDisk().free();
        return sent.conversationId;
      } finally {
        off();
      }
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      await page.locator('article[data-status="failed"]').waitFor();
      await theDisk().fill();
      try {
        await page.getByRole('textbox', { name: t('composer.message') }).fill('And why are some tides higher than others?');
        await page.getByRole('button', { name: t('composer.send'), exact: true }).click();
        await page.getByRole('alert').waitFor({ timeout: 20_000 });
      } finally {
        await theDisk().free();
      }
    },
  });
}

export const DISK_STATES: readonly ScreenshotState[] = [diskFull()];
