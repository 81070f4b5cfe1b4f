// Live voice's turn taking as a user meets it, in Chromium through the browser shell against the Realtime
// stand-in, with the fake microphone fed a real spoken phrase (espeak-ng) that loops with short pauses:
// push-to-talk (the `Push to talk` switch, `Hold to talk` held with the pointer and Space held as its key,
// the turn sent on release and answered, played and stored), in English and Chinese; and the headphone
// advice, which the window gives once when speech keeps cutting replies just after their sound starts (the
// stand-in's VAD reporting the reply's own voice, as the service does when echo cancellation cannot remove it).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { must } from '../support/test-core';
import { useAppHarness } from '../support/use-app-harness';
import { messageArticle, spokenMicrophone } from '../support/fake-microphone';

const app = useAppHarness({
  prefix: 'omni-e2e-live-turns-',
  // A short phrase, then a pause a little longer than the service's 800 ms of silence: the microphone is
  // seldom quiet for long, so a held button always catches speech, and in VAD mode each next phrase comes
  // soon after the reply to the last one has started to sound.
  ...spokenMicrophone('Hello there.', 1.3),
});

const article = messageArticle;

/** Bytes of microphone audio the stand-in's newest session has received. */
const received = () => (app.standin.realtime.sessions.at(-1)?.input ?? []).reduce((n, c) => n + c.byteLength, 0);
/** Waits until the stand-in has `seconds` more of 16 kHz audio than `from` bytes (the button or key is held meanwhile). */
const heardMore = (from: number, seconds: number) => expect.poll(received, { timeout: 20_000 }).toBeGreaterThanOrEqual(from + seconds * 32_000);

async function startLive(page: Page, names: { start: string; end: string }): Promise<void> {
  await page.getByRole('button', { name: names.start, exact: true }).click();
  await page.getByRole('button', { name: names.end, exact: true }).waitFor({ timeout: 20_000 });
  // Begun (End shows while it connects too): the core's session is open in a conversation.
  await expect.poll(async () => (await must(app.testCore.call('live.status', {}))).length, { timeout: 20_000 }).toBe(1);
}

describe('Live voice: push-to-talk', () => {
  it('switches to push-to-talk, sends a turn when the held button is let go and when Space is let go, plays and keeps each answer', async () => {
    app.standin.realtime.setScenario({
      transcripts: ['Hello there, by the button', 'Hello there, by the key'], replies: ['First answer, after the button.', 'Second answer, after the key.'],
      audioSeconds: 1.2, pace: 1,
    });
    const { page, errors } = await app.openApp();
    await startLive(page, { start: 'Live voice', end: 'End live voice' });
    const ptt = page.getByRole('switch', { name: 'Push to talk' });
    await expect.poll(() => ptt.isChecked()).toBe(false);
    await ptt.click();
    await page.getByRole('status').filter({ hasText: 'Hold Space to talk' }).waitFor({ timeout: 20_000 });
    // The session was updated with turn detection off (the service waits for a commit).
    const rec = app.standin.realtime.sessions.at(-1)!;
    await expect.poll(() => rec.updates.at(-1)?.turn_detection, { timeout: 10_000 }).toBeNull();
    const talk = page.getByRole('button', { name: 'Hold to talk' });
    // The switch gave the talk button the focus, so Space can be held at once.
    await expect.poll(() => talk.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    // Held with the pointer: what is said while it is down goes out; nothing is sent between turns.
    const idle = received();
    await talk.hover();
    await page.mouse.down();
    await expect.poll(() => talk.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('status').filter({ hasText: 'Listening… let go to send' }).waitFor();
    await heardMore(idle, 2);
    await page.mouse.up();
    await expect.poll(() => talk.getAttribute('aria-pressed')).toBe('false');
    // Released: one commit, then response.create, and the turn answered.
    await expect.poll(() => rec.events.map((e) => e.type).filter((t) => t === 'input_audio_buffer.commit' || t === 'response.create')).toEqual(['input_audio_buffer.commit', 'response.create']);
    expect(rec.turns[0]!.byteLength).toBeGreaterThanOrEqual(2 * 32_000);
    await article(page, 'User', 'Hello there, by the button').waitFor({ timeout: 30_000 });
    const first = article(page, 'Assistant', 'First answer, after the button.');
    await first.waitFor({ timeout: 30_000 });
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 20_000 }).toBe('complete');
    // Played in the window: its sound went through the player.
    await expect.poll(async () => Number(await first.getAttribute('data-played-samples')), { timeout: 20_000 }).toBeGreaterThan(12_000);

    // Space in the message box types a space; it does not talk.
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => box.inputValue()).toBe(' ');
    expect(await talk.getAttribute('aria-pressed')).toBe('false');

    // Held as a key (Space) where Space means nothing else.
    await talk.focus();
    const before = received();
    await page.keyboard.down('Space');
    await expect.poll(() => talk.getAttribute('aria-pressed')).toBe('true');
    await heardMore(before, 1.5);
    await page.keyboard.up('Space');
    await article(page, 'User', 'Hello there, by the key').waitFor({ timeout: 30_000 });
    await article(page, 'Assistant', 'Second answer, after the key.').waitFor({ timeout: 30_000 });
    expect(rec.turns).toHaveLength(2);
    expect(rec.responses).toHaveLength(2);

    // Both turns are stored with their recordings; both answers with their sound.
    const [open] = await must(app.testCore.call('live.status', {}));
    const { messages } = await must(app.testCore.call('conversations.get', { id: open!.conversationId }));
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Hello there, by the button'], ['assistant', 'First answer, after the button.'],
      ['user', 'Hello there, by the key'], ['assistant', 'Second answer, after the key.'],
    ]);
    expect(messages.filter((m) => m.role === 'user').every((m) => m.attachments.some((a) => a.kind === 'audio'))).toBe(true);
    expect(messages.filter((m) => m.role === 'assistant').every((m) => (m.audio?.samples ?? 0) > 0)).toBe(true);

    // The choice is kept for the next session.
    await page.getByRole('button', { name: 'End live voice' }).click();
    await startLive(page, { start: 'Live voice', end: 'End live voice' });
    await expect.poll(() => page.getByRole('switch', { name: 'Push to talk' }).isChecked()).toBe(true);
    expect(app.standin.realtime.sessions.at(-1)!.updates[0]!.turn_detection).toBeNull();
    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 150_000);

  it('in Chinese: the switch, the button and what to do are in Chinese; a held turn is answered', async () => {
    app.standin.realtime.setScenario({ transcripts: ['你好'], replies: ['你好，我听到了。'], audioSeconds: 1, pace: 1 });
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await startLive(page, { start: '实时语音', end: '结束实时语音' });
    await page.getByRole('switch', { name: '按键说话' }).click();
    await page.getByRole('status').filter({ hasText: '按住空格键说话' }).waitFor({ timeout: 20_000 });
    const talk = page.getByRole('button', { name: '按住说话' });
    const idle = received();
    await talk.hover();
    await page.mouse.down();
    await page.getByRole('status').filter({ hasText: '正在听…松开即发送' }).waitFor();
    await heardMore(idle, 1.5);
    await page.mouse.up();
    await page.getByRole('article').filter({ hasText: '你好，我听到了。' }).waitFor({ timeout: 30_000 });
    expect(app.standin.realtime.sessions.at(-1)!.turns).toHaveLength(1);
    await page.getByRole('button', { name: '结束实时语音', exact: true }).click();
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('Live voice: headphone advice', () => {
  it('suggests headphones once when speech keeps cutting replies just after their sound starts, quietly, and it can be dismissed', async () => {
    // Each reply's own voice "comes back": the service's VAD hears speech 1.6 s after its first audio (the
    // stand-in's echoAfterMs; headless Chromium has no speakers for a real echo). The microphone's own
    // phrases start the turns.
    app.standin.realtime.setScenario({ replyText: 'This is a long answer that keeps going for a while.', audioSeconds: 4, pace: 1, echoAfterMs: 1_600 });
    const { page, errors } = await app.openApp();
    await startLive(page, { start: 'Live voice', end: 'End live voice' });
    const advice = page.getByRole('status').filter({ hasText: 'Headphones will help' });
    await advice.waitFor({ timeout: 60_000 });
    expect(await advice.textContent()).toBe('The microphone seems to pick up the replies from your speakers, which cuts them off. Headphones will help.');
    // It came from replies really cut while sounding (barge-in: the stand-in saw them cancelled).
    expect(app.standin.realtime.sessions.at(-1)!.responses.filter((r) => r.cancelled).length).toBeGreaterThanOrEqual(2);
    // Quiet: not an alert. Dismissed, it goes.
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await advice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => advice.count()).toBe(0);
    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
