// Screenshot states of a live voice session kept in the conversation (issue 21): a finished session, spoken
// through the core's live audio port as a page would (espeak-ng speech at 16 kHz, the Realtime stand-in hearing
// it by its energy), with its line (length, Export WAV), spoken turns with transcripts and recordings, replies
// with their controls, and one reply cut by the user speaking over it.
import { concat, liveEvents, openChannel, silence16k, speech16k } from '../core/live/helpers';
import { openConversation, type ScreenshotState } from './screenshot-states';

function state<Seeded>(s: ScreenshotState<Seeded>): ScreenshotState<unknown> {
  return s as ScreenshotState<unknown>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TURNS = [
  { said: 'What is the tallest mountain in Europe?', reply: 'Mont Blanc, at about 4,806 metres, on the border of France and Italy.' },
  { said: 'How long does it take to climb it?', reply: 'Most people take two days: up to a hut on the first, to the summit and down on the second. The weather decides more than the legs do, and' },
  { said: 'Thanks, that is enough for now.', reply: 'You are welcome. Enjoy the mountains!' },
];

export const LIVE_STATES: readonly ScreenshotState[] = [
  state({
    name: 'live-history',
    shows: 'a finished live voice session in the conversation: its line (Live voice · length, Export WAV), spoken turns with transcripts and their recordings, replies with their controls, one reply cut by barge-in (Interrupted, quietly)',
    async seed({ core, standin }) {
      standin.realtime.setScenario({ transcripts: TURNS.map((t) => t.said), replies: TURNS.map((t) => t.reply), replyText: TURNS[2]!.reply, audioSeconds: 2.5, pace: 0 });
      const events = liveEvents(core);
      const session = await core.handlers['live.start']({ conversationId: null, mode: 'vad', vad: {} });
      const page = openChannel(core, session.sessionId);
      const say = async (text: string) => page.speak(concat(await speech16k(text), silence16k(1_200)), { speed: 0 });
      const replyDone = (n: number) => events.wait('reply_done', () => events.of('reply_done').length >= n, 30_000);

      await say(TURNS[0]!.said);
      await replyDone(1);
      // The second answer streams at real time; the user speaks over it after about 1.5 s of it. (The scenario
      // is not changed again while it streams: a running reply reads its pace from it.)
      standin.realtime.setScenario({ pace: 1, audioSeconds: 6 });
      const thirdSpeech = concat(await speech16k(TURNS[2]!.said), silence16k(1_200));
      await say(TURNS[1]!.said);
      await events.wait('reply_started', () => events.of('reply_started').length >= 2, 30_000);
      const started = events.of('reply_started')[1]!;
      await pause(1_500);
      await page.speak(thirdSpeech, { speed: 1 }); // at the pace of speech: the cancelled answer ends meanwhile
      // What a page reports when the user spoke: the samples it had played.
      await core.handlers['live.heard']({ sessionId: session.sessionId, messageId: started.message.id, samples: Math.round(1.4 * 24_000) });
      await events.wait('reply_started', () => events.of('reply_started').length >= 3, 30_000);
      const third = events.of('reply_started')[2]!;
      await events.wait('reply_done', (e) => e.message.id === third.message.id && e.message.status === 'complete', 30_000);
      await events.wait('transcript', () => events.of('transcript').length >= 3, 30_000);
      await core.handlers['live.end']({ sessionId: session.sessionId });
      return { conversationId: session.conversationId };
    },
    async show(page, { t, seeded }) {
      const { conversationId } = seeded as { conversationId: string };
      await openConversation(page, conversationId);
      await page.getByRole('group', { name: new RegExp(`^${t('liveHistory.session')}`) }).waitFor();
      await page.getByRole('article', { name: t('conversation.user') }).filter({ hasText: TURNS[2]!.said }).waitFor();
      // The session's line at the top of the view (the conversation opens at its newest turn).
      await page.getByRole('group', { name: new RegExp(`^${t('liveHistory.session')}`) }).evaluate((el: any) => {
        // The conversation's own scroller, not the page (scrollIntoView would shift the whole window too).
        const scroller = el.closest('.scroller');
        scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
      });
    },
  }),
];
