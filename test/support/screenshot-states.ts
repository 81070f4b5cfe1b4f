// The window's states that `npm run screenshots` photographs (scripts/screenshots.ts): each at 1280×800 and
// 800×600, light and dark, English and Chinese. One registry for everyone: to add a state, append an entry
// to STATES with a name, what it shows, `seed` (run once, on a fresh core and stand-in, to fill the history
// the way the app would: through the core's handlers) and `show` (run on each fresh page, already open on
// the app in the language, to bring the window into the state). Find things by role and the translated
// name (`t`), as the tests do; `settle` waits for what moves to stop before the picture.
import type { Page } from 'playwright-core';
import type { ChatEvent } from '../../shared/contract';
import type { Language } from '../../shared/domain';
import type { Core } from '../../electron/core/core-interface';
import type { Standin, StandinScenario } from '../standin';
import type { Translate } from '../../renderer/i18n/translate';
import { createSafeStorageCipher } from '../../electron/main/keys';
import type { AppHarnessOptions } from './app-harness';
import { SafeStorageStandin } from './safe-storage-standin';
import { join } from 'node:path';
import { speechWav } from '../core/attachments/recording-audio';
import { DISK_STATES } from './screenshot-states-disk';
import { MEDIA_STATES } from './screenshot-states-media';
import { LIVE_STATES } from './screenshot-states-live';
import { LIVE_TURN_STATES } from './screenshot-states-live-turns';

export interface SeedContext {
  core: Core;
  standin: Standin;
  /** A folder of this run's own (removed afterwards): media files made for the state go here. */
  dir: string;
  /** The core's clock: set it to store what follows at another time; null goes back to the real time. */
  setNow(ms: number | null): void;
}

export interface ShowContext<Seeded> {
  lang: Language;
  t: Translate;
  /** What `seed` returned. */
  seeded: Seeded;
}

export interface ScreenshotState<Seeded = unknown> {
  name: string;
  /** What a person sees in it, in one line (printed by --list). */
  shows: string;
  seed?(ctx: SeedContext): Promise<Seeded>;
  show(page: Page, ctx: ShowContext<Seeded>): Promise<void>;
  /** What the app needs beyond the usual (e.g. a key cipher over a safeStorage stand-in, a data folder on a small disk). */
  harness?: Pick<AppHarnessOptions, 'cipher' | 'prepare' | 'chromiumArgs' | 'apiKey' | 'welcomeDone' | 'dataRoot' | 'live'>;
  /** Run once before the app starts (e.g. to mount the small disk), and `cleanup` once after its pictures. */
  prepare?(): Promise<void>;
  cleanup?(): Promise<void>;
}

/** Keeps each state's own Seeded type while they share one array. */
function state<Seeded>(s: ScreenshotState<Seeded>): ScreenshotState<unknown> {
  return s as ScreenshotState<unknown>;
}

/** One finished turn, through the core as the app sends it: the stand-in answers `reply`. */
export async function ask(
  ctx: SeedContext,
  o: { text: string; reply: string; conversationId?: string | null; speak?: boolean; scenario?: Partial<StandinScenario> },
): Promise<{ conversationId: string; messageId: string }> {
  ctx.standin.setScenario({ text: o.reply, realtime: false, audioSeconds: 2, speech: false, ...o.scenario });
  const ended = new Set<string>();
  const off = ctx.core.subscribe((name, payload) => {
    const ev = payload as ChatEvent;
    if (name === 'chat.event' && ev.kind === 'outcome') ended.add(ev.messageId);
  });
  try {
    const sent = await ctx.core.handlers['chat.send']({
      conversationId: o.conversationId ?? null, text: o.text, attachmentIds: [], options: { speakReplies: o.speak ?? false },
    });
    const id = sent.assistantMessage.id;
    const until = Date.now() + 60_000;
    while (!ended.has(id)) {
      if (Date.now() > until) throw new Error(`the reply to "${o.text}" did not finish`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { conversationId: sent.conversationId, messageId: id };
  } finally {
    off();
  }
}

/** Opens a conversation by its id, as a link in the list would. */
export async function openConversation(page: Page, id: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as any).location.hash = h;
  }, `#/c/${id}`);
}

/** Waits until fonts are loaded and nothing animates, with the pointer out of the way. */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    const doc = (globalThis as any).document;
    await doc.fonts.ready;
    await Promise.all(doc.getAnimations().map((a: any) => a.finished.catch(() => null)));
    await new Promise((r) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(r)));
  });
}

const RICH_REPLY = [
  'Here is how the three Omni models compare:',
  '',
  '| Model | Voices | Thinking | Longest audio |',
  '| --- | ---: | :---: | --- |',
  '| Qwen3-Omni-Flash | 17 | yes | 20 min |',
  '| Qwen-Omni-Turbo | 4 | no | 3 min |',
  '| Qwen2.5-Omni-7B | 2 | no | 20 min |',
  '',
  '1. Pick a model:',
  '   - **Flash** for thinking and the most voices',
  '   - *Turbo* when speed matters most',
  '2. Attach your media and ask.',
  '',
  '~~Convert every file to WAV first.~~ The app fits each file for you.',
  '',
  '- [x] Tables, lists and code',
  '- [ ] Footnotes',
  '',
  '```ts',
  "const sent = await chat.send({ text: 'Hello', speakReplies: true });",
  'console.log(sent.assistantMessage.id); // streamed, then stored',
  '```',
  '',
  'Energy is $E = mc^2$, and the Basel sum is',
  '',
  '$$\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$',
  '',
  'Use `Ctrl+Shift+Space` to ask out loud.',
].join('\n');

const QUESTIONS = [
  'Summarise this podcast episode in five bullet points',
  '这段视频里发生了什么？',
  'Translate the restaurant menu into French',
  'What is the difference between a violin and a viola?',
  '帮我写一封请假邮件',
  'Explain this chart of monthly sales',
  'Give me a 20-minute bodyweight workout',
  'How do I pronounce “Xi’an”?',
  '用简单的话解释量子纠缠',
  'Plan a three-day trip to Kyoto in autumn',
  'Check the grammar of my cover letter',
  'What bird is singing in this recording?',
  '推荐几本适合初学者的编程书',
  'Write a haiku about the first snow',
  'Compare Qwen3-Omni-Flash with Qwen-Omni-Turbo',
  'Why is the sky blue at noon and red at sunset?',
  '这张照片是在哪里拍的？',
  'Turn these meeting notes into action items',
  'How long should I steep green tea?',
  'Describe the painting in this picture',
  '给我讲一个睡前故事',
  'Help me name a small bakery',
  'What are the rules of pétanque?',
  'Read this paragraph aloud slowly',
  '总结这份会议录音的要点',
  'Suggest a vegetarian dinner for six',
  'Is this mushroom safe to eat?',
  'Rewrite this email to sound friendlier',
  '今天北京适合去哪里散步？',
  'Teach me three chords on the ukulele',
];

const OWN_STATES: readonly ScreenshotState[] = [
  state({
    name: 'empty',
    shows: 'a new conversation: the empty history, the greeting and the composer',
    async show(page, { t }) {
      await page.getByRole('textbox', { name: t('composer.message') }).waitFor();
    },
  }),

  state({
    name: 'conversation',
    shows: 'a conversation: a short spoken reply, then a Markdown-rich spoken reply (table, nested list, code, math, strikethrough, task list)',
    async seed(ctx) {
      const first = await ask(ctx, {
        text: 'Hello! Who are you, in one sentence?',
        reply: 'I am Qwen, and I can hear, see and speak: ask me anything.',
        speak: true,
        scenario: { speech: true },
      });
      await ask(ctx, {
        conversationId: first.conversationId,
        text: 'Compare the Omni models, with a table, some code and a formula.',
        reply: RICH_REPLY,
        speak: true,
        scenario: { audioSeconds: 6 },
      });
      return first.conversationId;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      const replies = page.getByRole('article', { name: t('conversation.assistant') });
      await page.locator('article[data-status="complete"]').nth(1).waitFor();
      await replies.last().locator('canvas[data-peaks]:not([data-peaks="0"])').waitFor();
      // KaTeX and its fonts come with its chunk, once a formula needs them; so does highlight.js.
      await replies.last().locator('.katex').first().waitFor();
      await page.evaluate(() => (globalThis as any).document.fonts.load('20px KaTeX_Main'));
      await replies.last().locator('.hljs-keyword').first().waitFor();
    },
  }),

  state({
    name: 'conversation-options',
    shows: 'the header: a long title cut to one line, the model · voice button, and its panel open (fits the window, scrolls)',
    async seed(ctx) {
      const first = await ask(ctx, {
        text: 'Plan a three-day walking trip through the Dolomites, with huts to sleep in and a rest day if it rains',
        reply: 'Day one: from Val Gardena up to the Puez hut. Day two: across the plateau to the Gardenaccia hut.',
      });
      return first.conversationId;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      await page.locator('article[data-status="complete"]').first().waitFor();
      await page.getByRole('button', { name: t('conv.settings') }).click();
      const panel = page.getByRole('dialog', { name: t('conv.settings') });
      await panel.waitFor();
      await panel.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
    },
  }),

  state({
    name: 'sidebar-open-narrow',
    shows: 'the sidebar opened by Toggle sidebar in an 800-px window (folded by itself there), a conversation beside it',
    async seed(ctx) {
      const first = await ask(ctx, { text: 'What is the capital of Mongolia?', reply: 'Ulaanbaatar.' });
      await ask(ctx, { text: '蒙古的首都是哪里？', reply: '乌兰巴托。' });
      return first.conversationId;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      await page.locator('article[data-status="complete"]').first().waitFor();
      const nav = page.getByRole('navigation', { name: t('sidebar.conversations') });
      if (!(await nav.isVisible())) await page.getByRole('button', { name: t('layout.toggleSidebar') }).click();
      await nav.getByRole('link').nth(1).waitFor();
    },
  }),

  state({
    name: 'search',
    shows: 'search across conversations: hits grouped by conversation with who said each and the words marked, the second hit reached by ↓, the filter chips',
    async seed(ctx) {
      await ask(ctx, { text: 'How do glaciers form?', reply: 'Glaciers form where snow piles up for centuries and turns to ice.' });
      await ask(ctx, { text: 'Plan a hike in Norway near the glaciers', reply: 'Start at Jostedal: the Nigardsbreen glacier walk takes about four hours.' });
      await ask(ctx, { text: 'Why is the sky blue?', reply: 'Sunlight scatters off air molecules; blue scatters most.' });
    },
    async show(page, { t }) {
      const nav = page.getByRole('navigation', { name: t('sidebar.conversations') });
      if (!(await nav.isVisible())) await page.getByRole('button', { name: t('layout.toggleSidebar') }).click();
      const box = page.getByRole('searchbox', { name: t('search.label') });
      await box.fill('glaciers');
      await page.getByRole('listbox', { name: t('search.results') }).getByRole('option').nth(2).waitFor();
      await box.press('ArrowDown');
      await box.press('ArrowDown');
    },
  }),

  state({
    name: 'voice-picker',
    shows: 'Settings with the voice picker open: the searchable list of the model\'s voices, each with its dialect and languages',
    async show(page, { t }) {
      await page.getByRole('button', { name: t('sidebar.settings'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: t('settings.title'), exact: true });
      await dialog.getByRole('combobox', { name: t('settings.voice') }).click();
      await page.getByRole('listbox', { name: t('settings.voiceSearch') }).waitFor();
    },
  }),

  state({
    name: 'welcome',
    shows: 'the first run without a key: the welcome (region, where to get a key, the key typed, Test connection, Skip)',
    harness: { apiKey: null, welcomeDone: false },
    async seed(ctx) {
      return ctx.standin.apiKey;
    },
    async show(page, { t, seeded }) {
      const dialog = page.getByRole('dialog', { name: t('welcome.title') });
      await dialog.waitFor();
      // Typed, not saved: every picture is of the same first run (a saved key would end it).
      await dialog.getByRole('textbox', { name: t('settings.apiKey') }).fill(seeded as string);
      await dialog.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
    },
  }),

  state({
    name: 'reply-controls',
    shows: 'a spoken reply’s row of controls: the older reply’s actions shown by keyboard focus, its Details popover open (tokens, audio, privacy note)',
    async seed(ctx) {
      const first = await ask(ctx, {
        text: 'What does a seismometer measure?',
        reply: 'A seismometer measures **ground motion**: how far, how fast and in which direction the ground moves.',
        speak: true,
        scenario: { audioSeconds: 4 },
      });
      await ask(ctx, { conversationId: first.conversationId, text: 'And a barometer?', reply: 'Air pressure.', speak: true, scenario: { audioSeconds: 0.8 } });
      return first.conversationId;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      const first = page.getByRole('article', { name: t('conversation.assistant') }).first();
      await page.locator('article[data-status="complete"]').nth(1).waitFor();
      await first.locator('canvas[data-peaks]:not([data-peaks="0"])').waitFor();
      await first.getByRole('button', { name: t('reply.details'), exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: t('reply.detailsTitle') }).waitFor();
    },
  }),

  state({
    name: 'now-playing',
    shows: 'a reply speaking in another conversation: the now-playing control above the composer, paused',
    async seed(ctx) {
      const { conversationId } = await ask(ctx, {
        text: 'Read me a short poem about the sea', reply: 'The sea keeps time in silver lines…', speak: true, scenario: { audioSeconds: 30 },
      });
      return conversationId;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      const reply = page.getByRole('article', { name: t('conversation.assistant') }).last();
      await reply.getByRole('button', { name: t('audio.play'), exact: true }).click();
      await page.locator('article[data-playback-state="playing"]').waitFor();
      await page.getByRole('button', { name: t('sidebar.new'), exact: true }).click();
      const control = page.getByRole('region', { name: t('nowPlaying.label') });
      // Paused, so the picture does not depend on the moment it is taken.
      await control.getByRole('button', { name: t('audio.pause'), exact: true }).click();
      await control.getByRole('button', { name: t('audio.play'), exact: true }).waitFor();
    },
  }),

  state({
    name: 'shortcuts',
    shows: 'the Keyboard shortcuts list (Ctrl/⌘+/) over a new conversation',
    async show(page, { t }) {
      await page.getByRole('textbox', { name: t('composer.message') }).focus();
      await page.keyboard.press('Control+/');
      await page.getByRole('dialog', { name: t('shortcuts.title') }).waitFor();
    },
  }),

  state({
    name: 'settings',
    shows: 'the Settings dialog open over a new conversation',
    async show(page, { t }) {
      await page.getByRole('button', { name: t('sidebar.settings'), exact: true }).click();
      await page.getByRole('dialog', { name: t('settings.title'), exact: true }).waitFor();
    },
  }),

  state({
    name: 'sidebar-many',
    shows: '30 conversations over several weeks in the list (English and Chinese titles, some spoken), the newest open',
    async seed(ctx) {
      const hour = 3_600_000;
      const now = Date.now();
      // Newest last: a few today, some yesterday and this week, the rest spread over the weeks before.
      const ages = [70, 52, 40, 33, 30, 27, 26, 25, 22, 21, 20, 14, 12, 9, 7, 6.5, 5, 4.2, 3.1, 2.5, 2.2, 1.9, 1.6, 1.3, 1.1, 1, 0.3, 0.2, 0.1, 0.02]
        .map((days) => days * 24 * hour);
      let newest = '';
      for (const [i, text] of QUESTIONS.entries()) {
        ctx.setNow(now - ages[i]!);
        const spoken = i % 4 === 1;
        const { conversationId } = await ask(ctx, { text, reply: `A short answer to: ${text}`, speak: spoken, scenario: { audioSeconds: 1 } });
        newest = conversationId;
      }
      ctx.setNow(null);
      return newest;
    },
    async show(page, { t, seeded }) {
      await openConversation(page, seeded as string);
      await page.locator('article[data-status="complete"]').first().waitFor();
      // Folded by itself in an 800-px window: opened, as a user looking for a conversation would.
      const nav = page.getByRole('navigation', { name: t('sidebar.conversations') });
      if (!(await nav.isVisible())) await page.getByRole('button', { name: t('layout.toggleSidebar') }).click();
      await nav.getByRole('link').nth(10).waitFor();
    },
  }),
  (() => {
    // The desktop app's key cipher (electron/main/keys.ts) over a safeStorage stand-in whose keyring is
    // locked once the key is saved: the notice a user meets when the keyring does not answer.
    const keyring = new SafeStorageStandin();
    return state({
      name: 'keyring-locked',
      shows: 'the notice after sending while the system keyring stays locked: the saved key is kept, unlock and try again',
      harness: { cipher: () => createSafeStorageCipher(keyring, 'linux') },
      async seed() {
        keyring.lock();
      },
      async show(page, { t }) {
        const message = page.getByRole('textbox', { name: t('composer.message') });
        await message.fill('What is on my calendar today?');
        await page.getByRole('button', { name: t('composer.send'), exact: true }).click();
        await page.getByRole('alert').filter({ hasText: t('error.keyringUnavailable').slice(0, 12) }).waitFor({ timeout: 20_000 });
      },
    });
  })(),

  state({
    name: 'live-voice',
    shows: 'Live voice on in a conversation: End live voice pressed in, what the session is doing beside it (the fake microphone speaking)',
    harness: {
      prepare: (dir) => speechWav(dir, 'mic', 'What is the tallest mountain in Europe?', 8),
      chromiumArgs: (dir) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${join(dir, 'mic.wav')}`],
    },
    async seed(ctx) {
      const first = await ask(ctx, { text: 'Let us talk about mountains.', reply: 'Gladly. Ask me anything about mountains, by voice or by text.' });
      ctx.standin.realtime.setScenario({ transcripts: [], replyText: 'Mont Blanc, at about 4,806 metres.', audioSeconds: 2 });
      return { conversationId: first.conversationId, core: ctx.core };
    },
    async show(page, { t, seeded }) {
      const { conversationId, core } = seeded as { conversationId: string; core: Core };
      // The page before this one left its session open (a page closing does not end it): end it first.
      for (const open of await core.handlers['live.status']({})) await core.handlers['live.end']({ sessionId: open.sessionId });
      await openConversation(page, conversationId);
      await page.getByRole('article', { name: t('conversation.assistant') }).waitFor();
      await page.getByRole('button', { name: t('live.start'), exact: true }).click();
      await page.getByRole('button', { name: t('live.end'), exact: true }).waitFor({ timeout: 20_000 });
      await page.getByRole('status').filter({ hasText: t('live.status.listening') }).or(page.getByRole('status').filter({ hasText: t('live.status.hearing') })).first().waitFor({ timeout: 20_000 });
    },
  }),
];

/** Every state: the ones above, then each feature's own file of states. */
export const STATES: readonly ScreenshotState[] = [...OWN_STATES, ...MEDIA_STATES, ...DISK_STATES, ...LIVE_STATES, ...LIVE_TURN_STATES];
