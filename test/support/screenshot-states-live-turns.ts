// Screenshot states of Live voice's turn taking and limits (registered in screenshot-states.ts): push-to-talk
// held, and the maximum length's warning with the time left. The fake microphone speaks a real question.
import type { Core } from '../../electron/core/core-interface';
import { spokenMicrophone } from './fake-microphone';
import { ask, openConversation, type ScreenshotState } from './screenshot-states';

const mic = spokenMicrophone('What is the tallest mountain in Europe?', 8);

type Seeded = { conversationId: string; core: Core };

const MAX_MS = 3 * 60_000;

export const LIVE_TURN_STATES: readonly ScreenshotState[] = [
  {
    name: 'live-ptt',
    shows: 'Live voice in push-to-talk: the Push to talk switch on, Hold to talk held (Space), what to do in the status, the time left',
    harness: mic,
    async seed(ctx) {
      const first = await ask(ctx, { text: 'Let us talk about mountains.', reply: 'Gladly. Ask me anything about mountains, by voice or by text.' });
      ctx.standin.realtime.setScenario({ transcripts: [], replyText: 'Mont Blanc, at about 4,806 metres.', audioSeconds: 2 });
      return { conversationId: first.conversationId, core: ctx.core };
    },
    async show(page, { t, seeded }) {
      const { conversationId, core } = seeded as Seeded;
      // The page before this one left its session open, the button held (a page closing does not end it):
      // what it held is dropped, and it ends.
      for (const open of await core.handlers['live.status']({})) {
        if (open.mode === 'ptt') await core.handlers['live.talk']({ sessionId: open.sessionId, action: 'cancel' });
        await core.handlers['live.end']({ sessionId: open.sessionId });
      }
      await openConversation(page, conversationId);
      await page.getByRole('article', { name: t('conversation.assistant') }).first().waitFor();
      await page.getByRole('button', { name: t('live.start'), exact: true }).click();
      const ptt = page.getByRole('switch', { name: t('live.ptt') });
      await ptt.waitFor({ timeout: 20_000 });
      if (!(await ptt.isChecked())) await ptt.click();
      await page.getByRole('status').filter({ hasText: t('live.status.ptt') }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: t('live.talk') }).focus();
      await page.keyboard.down('Space');
      await page.getByRole('status').filter({ hasText: t('live.status.talking') }).waitFor();
    },
  },
  {
    name: 'live-limit-warning',
    shows: 'Live voice near its maximum length: the warning above the composer (what will happen, what to do) and the time left in the bar',
    harness: { ...mic, live: { maxSessionMs: MAX_MS, warnBeforeMs: MAX_MS - 1_500 } },
    async seed(ctx) {
      const first = await ask(ctx, { text: 'Let us talk about mountains.', reply: 'Gladly. Ask me anything about mountains, by voice or by text.' });
      ctx.standin.realtime.setScenario({ transcripts: [], replyText: 'Mont Blanc, at about 4,806 metres.', audioSeconds: 2 });
      return { conversationId: first.conversationId, core: ctx.core };
    },
    async show(page, { t, seeded }) {
      const { conversationId, core } = seeded as Seeded;
      for (const open of await core.handlers['live.status']({})) await core.handlers['live.end']({ sessionId: open.sessionId });
      await openConversation(page, conversationId);
      await page.getByRole('article', { name: t('conversation.assistant') }).first().waitFor();
      // Each page starts in VAD (the page before may have chosen push-to-talk).
      await page.evaluate(() => (globalThis as { localStorage?: Storage }).localStorage?.removeItem('omni.liveMode'));
      await page.getByRole('button', { name: t('live.start'), exact: true }).click();
      await page.getByRole('status').filter({ hasText: t('live.warn.max_length', { left: '' }).slice(0, 8) }).waitFor({ timeout: 20_000 });
    },
  },
];
