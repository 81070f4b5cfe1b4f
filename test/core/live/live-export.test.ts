// Export WAV of a whole live session as the desktop app does it: live.exportWav through the core's request
// loop with Electron's save dialog given as `saveFile` (electron/main/index.ts passes saveWithDialog), so the
// dialog is offered the session's name and the one WAV of the whole session; a dialog the user cancels saves
// nothing. Without a save dialog (the browser shell, whose bridge downloads instead) the request is refused
// with a sentence saying where to export from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, DEFAULT_REALTIME_SCENARIO, type Standin } from '../../standin';
import { must, startTestCore, type TestCore } from '../../support/test-core';
import { concat, liveEvents, openChannel, silence16k, speech16k } from './helpers';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());

/** One spoken exchange in a new conversation, then the session ended. */
async function oneExchange(t: TestCore): Promise<string> {
  standin.realtime.setScenario({ ...DEFAULT_REALTIME_SCENARIO, transcripts: ['What is the capital of Norway'], replyText: 'Oslo.', audioSeconds: 1, pace: 0 });
  const live = liveEvents(t.core);
  const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 400 } }));
  const page = openChannel(t.core, session.sessionId);
  await page.speak(concat(await speech16k('What is the capital of Norway?'), silence16k(600)), { speed: 0 });
  await live.wait('reply_done');
  await must(t.call('live.end', { sessionId: session.sessionId }));
  return session.sessionId;
}

describe('Export WAV of a live session in the desktop app', () => {
  it('offers the save dialog the session\'s name and its one WAV; a cancelled dialog saves nothing', async () => {
    const offered: { name: string; bytes: Uint8Array }[] = [];
    let answer: string | null = '/home/someone/Downloads/chosen.wav';
    const t = await startTestCore({
      standin, prefix: 'omni-live-export-',
      saveFile: async (name, bytes) => {
        offered.push({ name, bytes: bytes.slice() });
        return answer;
      },
    });
    try {
      const sessionId = await oneExchange(t);
      expect(await must(t.call('live.exportWav', { sessionId }))).toEqual({ saved: true });
      const whole = t.core.liveSessionWav(sessionId);
      expect(offered).toHaveLength(1);
      expect(offered[0]!.name).toBe(whole.fileName);
      expect(offered[0]!.name).toMatch(/ live \d{4}-\d\d-\d\d \d\d-\d\d\.wav$/);
      expect(Buffer.from(offered[0]!.bytes).equals(Buffer.from(whole.wav))).toBe(true);
      expect(whole.wav.byteLength).toBeGreaterThan(44 + 24_000 * 2); // the question and the one-second reply

      answer = null; // Cancel in the dialog
      expect(await must(t.call('live.exportWav', { sessionId }))).toEqual({ saved: false });
    } finally {
      await t.close();
    }
  });

  it('without a save dialog (the browser shell) says to use the page\'s Export WAV', async () => {
    const t = await startTestCore({ standin, prefix: 'omni-live-export-' });
    try {
      const sessionId = await oneExchange(t);
      const refused = await t.call('live.exportWav', { sessionId });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
      expect(refused.ok ? '' : refused.error.message).toContain('Export WAV');
    } finally {
      await t.close();
    }
  });
});
