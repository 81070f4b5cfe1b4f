// A reply's one row of controls and the audio you can steer, as a user meets them: the real UI in Chromium
// through the browser shell, the real core and SQLite file, the stand-in speaking. The row by keyboard (quiet
// until focused on older replies), Details, Playback speed heard in the samples played, the now-playing
// control from another conversation, Escape, the window's shortcuts and their list, the list's streaming
// mark, and counts said in both languages.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { newConversation, sendMessage, settled } from '../support/conversation-page';

const app = useAppHarness({ prefix: 'omni-reply-controls-', scenario: { audioSeconds: 1, realtime: false, text: 'A short spoken answer.' } });

const replies = (page: Page) => page.getByRole('article', { name: 'Assistant message' });
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim() as string;
  });
const opacity = (l: Locator) => l.evaluate((el) => Number((globalThis as any).getComputedStyle(el).opacity));

/** Waits until the reply's playback is in one of `states`. */
async function playback(reply: Locator, states: string[], timeout = 20_000): Promise<void> {
  await expect.poll(() => reply.getAttribute('data-playback-state'), { timeout }).toSatisfy((s: string | null) => states.includes(s ?? ''));
}

describe('a reply’s row of controls', () => {
  it('is one row reached by keyboard, quiet on older replies until focused; Details holds the usage and the privacy note', async () => {
    const { page, errors } = await app.openApp();
    const first = await sendMessage(page, 'First question');
    await settled(first);
    const second = await sendMessage(page, 'Second question');
    await settled(second);

    // The newest reply shows its actions; an older one keeps them quiet until hovered or focused.
    const oldActions = first.getByRole('group', { name: 'Reply actions' });
    const newActions = second.getByRole('group', { name: 'Reply actions' });
    // (Polled: the older row fades out over a short transition once the newer reply is there.)
    await expect.poll(() => opacity(newActions)).toBe(1);
    await expect.poll(() => opacity(oldActions)).toBe(0);

    // The player and the actions sit on one row.
    const play = first.getByRole('button', { name: 'Play' });
    const details = first.getByRole('button', { name: 'Details' });
    const [a, b] = [(await play.boundingBox())!, (await details.boundingBox())!];
    expect(Math.abs(a.y + a.height / 2 - (b.y + b.height / 2))).toBeLessThan(4);

    // Tab goes Play → Seek → Playback speed → Copy → Regenerate → Export WAV → Details, and the row shows.
    await play.focus();
    const order = [await focusedName(page)];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
    }
    expect(order).toEqual(['Play', 'Seek', 'Playback speed', 'Copy', 'Regenerate', 'Export WAV', 'Details']);
    await expect.poll(() => opacity(oldActions)).toBe(1);

    // Details: the tokens in and out, the audio's length, and that this audio stays here.
    await page.keyboard.press('Enter');
    const popover = page.getByRole('dialog', { name: 'Reply details' });
    await popover.waitFor();
    const said = await popover.innerText();
    expect(said).toMatch(/In\s+[\d,]+ \(text [\d,]+\)/);
    expect(said).toMatch(/Out\s+[\d,]+ \(text [\d,]+, audio [\d,]+\)/);
    expect(said).toMatch(/Audio\s+1\.0 s/);
    expect(said).toMatch(/This audio stays on this computer/);
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    // Nothing of it is in the reply itself any more.
    expect(await first.innerText()).not.toMatch(/tokens in|stays on this computer/);
    // A reply under a second says its real length, not 0:00.
    expect(await first.locator('.reply-time').innerText()).toBe('0.0 / 1.0 s');
    expect(errors).toEqual([]);
  });

  it('Playback speed 2× plays the reply in half the time, every sample of it', async () => {
    app.replies({ audioSeconds: 4, realtime: false, text: 'A four-second answer.' });
    const { page, errors } = await app.openApp();
    const reply = await sendMessage(page, 'Speak for four seconds');
    await settled(reply);
    await playback(reply, ['ended']);

    // Chosen by keyboard on the Playback speed combobox.
    const speed = reply.getByRole('combobox', { name: 'Playback speed' });
    await speed.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '2×' }).click();
    await expect.poll(() => speed.innerText()).toBe('2×');
    // As it plays, the reply's samples played against the samples sent out (the audio clock, 24,000 a second
    // of real time), both from the same report of the worklet: from 20% to 80% of the reply, how many a second.
    const rate = page.evaluate((id) => new Promise<number>((resolve) => {
      const doc = (globalThis as any).document;
      const marks: [number, number][] = [];
      const tick = () => {
        const a = doc.querySelector(`article[data-message-id="${id}"]`);
        const state = a?.getAttribute('data-playback-state');
        // Marks from this playback only (the last one's figures stay until it starts).
        if (state === 'playing') marks.push([Number(a.getAttribute('data-output-samples')), Number(a.getAttribute('data-played-samples'))]);
        if (state === 'ended' && marks.length > 0) {
          // Both counts come from the same report of the worklet, so any two reports measure the rate, however
          // far apart a busy page read them: the first and last between 10% and 95% of the reply.
          const inside = marks.filter(([, p]) => p >= 0.1 * 96_000 && p <= 0.95 * 96_000);
          const [o1, p1] = inside[0] ?? [0, 0];
          const [o2, p2] = inside.at(-1) ?? [0, 0];
          resolve(p2 > p1 ? (p2 - p1) / ((o2 - o1) / 24_000) : -inside.length);
        } else setTimeout(tick, 10);
      };
      tick();
    }), await reply.getAttribute('data-message-id'));
    await reply.getByRole('button', { name: 'Play' }).click();
    const perSecond = await rate;
    // (Negative: the page saw fewer than two reports of the reply's middle, so it could not measure the rate.)
    await playback(reply, ['ended']);
    const played = Number(await reply.getAttribute('data-played-samples'));
    const output = Number(await reply.getAttribute('data-output-samples'));
    expect(played).toBe(96_000);
    // Half as many samples went to the speakers as the reply holds, at 48,000 of the reply's samples a second.
    expect(Math.abs(output - 48_000)).toBeLessThan(800);
    expect(perSecond).toBeGreaterThan(48_000 * 0.9);
    expect(perSecond).toBeLessThan(48_000 * 1.1);
    // The speed stays for the next reply and after a reload.
    await page.reload();
    await page.getByRole('combobox', { name: 'Playback speed' }).last().waitFor();
    expect(await page.getByRole('combobox', { name: 'Playback speed' }).last().innerText()).toBe('2×');
    expect(errors).toEqual([]);
  });
});

describe('audio you can steer', () => {
  it('a reply that speaks in another conversation has a now-playing control: Pause, go there, Stop playback', async () => {
    app.replies({ audioSeconds: 12, realtime: true, text: 'A long spoken answer.' });
    const { page, errors } = await app.openApp();
    const reply = await sendMessage(page, 'Talk for a while');
    await playback(reply, ['playing']);
    expect(await page.getByRole('region', { name: 'Now playing' }).count()).toBe(0);

    // Another conversation: the reply goes on speaking, and the window says where it comes from.
    await newConversation(page);
    const control = page.getByRole('region', { name: 'Now playing' });
    await control.waitFor();
    expect(await control.innerText()).toMatch(/Reply in “Talk for a while”/);
    await control.getByRole('button', { name: 'Pause', exact: true }).click();
    await control.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await control.getByRole('button', { name: 'Play', exact: true }).click();
    await control.getByRole('button', { name: 'Pause', exact: true }).waitFor();

    // Its name goes back to that conversation, where the control is no longer needed.
    await control.getByRole('button', { name: /Talk for a while/ }).click();
    await control.waitFor({ state: 'detached' });
    const back = replies(page).last();
    await playback(back, ['playing', 'buffering']);

    // From elsewhere again, Stop playback ends the sound (the reply itself goes on streaming text).
    await newConversation(page);
    await control.getByRole('button', { name: 'Stop playback' }).click();
    await control.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: 'Talk for a while' }).click();
    await playback(replies(page).last(), ['stopped', 'idle']);
    expect(errors).toEqual([]);
  });

  it('Escape stops a streaming reply and its sound; the list marks a conversation while its reply streams', async () => {
    app.replies({ audioSeconds: 20, realtime: true, text: 'A reply that would go on for twenty seconds.' });
    const { page, errors } = await app.openApp();
    const reply = await sendMessage(page, 'Go on and on');
    await playback(reply, ['playing']);
    const entry = page.getByRole('navigation', { name: 'Conversations' }).getByRole('listitem').first();
    await entry.getByRole('img', { name: 'Replying…' }).waitFor();

    await page.getByRole('textbox', { name: 'Message' }).press('Escape');
    expect(await settled(reply)).toBe('cancelled');
    await playback(reply, ['stopped']);
    await entry.getByRole('img', { name: 'Replying…' }).waitFor({ state: 'detached' });
    // Said once, in the reply; the window's alert is not used for it.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('Ctrl+N starts a new conversation, Ctrl+K goes to search, Ctrl+/ lists the shortcuts', async () => {
    const { page, errors } = await app.openApp();
    await settled(await sendMessage(page, 'Something to leave'));
    expect(await page.getByRole('article').count()).toBe(2);

    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.press('Control+n');
    await expect.poll(() => page.getByRole('article').count()).toBe(0);
    expect(new URL(page.url()).hash.split('?')[0]).toBe('#/');

    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label'))).toBe('Search conversations');

    await page.keyboard.press('Control+/');
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    const text = await list.innerText();
    for (const line of [/Start a new conversation\s+Ctrl\+N/, /Search conversations\s+Ctrl\+K/, /Stop the streaming reply and its sound\s+Esc/, /Show keyboard shortcuts\s+Ctrl\+\//, /Send the message\s+Enter/]) {
      expect(text).toMatch(line);
    }
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});

describe('counts in both languages', () => {
  it('says 1 conversation and 2 conversations, and 2 个对话 in Chinese', async () => {
    const { page } = await app.openApp();
    const count = page.getByRole('navigation', { name: 'Conversations' }).locator('.nav-count');
    await settled(await sendMessage(page, 'One'));
    await expect.poll(() => count.innerText()).toBe('1 conversation');
    await newConversation(page);
    await settled(await sendMessage(page, 'Two'));
    await expect.poll(() => count.innerText()).toBe('2 conversations');

    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    await page.reload();
    await page.getByRole('button', { name: '新对话', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: '对话' }).locator('.nav-count').innerText()).toBe('2 个对话');
    await page.getByRole('navigation', { name: '对话' }).getByRole('link').first().click();
    const article = page.getByRole('article', { name: '助手消息' }).last();
    await article.getByRole('button', { name: '详情' }).click();
    await page.getByRole('dialog', { name: '回复详情' }).getByText('此语音只保存在这台电脑上', { exact: false }).waitFor();
  });
});
