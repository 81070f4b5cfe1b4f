// What Live voice says quietly beside the composer (renderer/state/live-notes.ts) and how its errors are
// worded (live-error-words.ts): the headphone heuristic's edges, the limit notes' life, and that no error the
// live session can bring is shown with a code, in either language.
import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/domain';
import type { LiveEvent, LiveSession } from '../../shared/live';
import { ECHO_REPLIES, ECHO_WINDOW_SAMPLES, LiveNotesSlice, initialLiveNotes, type LiveNotesState } from '../../renderer/state/live-notes';
import { liveErrorWords } from '../../renderer/state/live-error-words';
import { ObservableState } from '../../renderer/state/observable-state';
import { translator } from '../../renderer/i18n/translate';

const ref = { sessionId: 's1', conversationId: 'c1' };

function slice(now = 1_000) {
  const cell = new ObservableState<LiveNotesState>({ ...initialLiveNotes });
  const notes = new LiveNotesSlice(cell, () => now);
  notes.started();
  return { notes, state: () => cell.get().liveNotes };
}

describe('headphone advice', () => {
  it('comes after speech cut two different replies soon after their sound started, once per session', () => {
    const { notes, state } = slice();
    expect(ECHO_REPLIES).toBe(2);
    notes.speechOverReply('r1', 12_000, 'vad');
    notes.speechOverReply('r1', 14_000, 'vad'); // the same reply again does not count twice
    expect(state().headphones).toBe(false);
    notes.speechOverReply('r2', ECHO_WINDOW_SAMPLES, 'vad');
    expect(state().headphones).toBe(true);
    notes.dismissHeadphones();
    notes.speechOverReply('r3', 1_000, 'vad');
    notes.speechOverReply('r4', 1_000, 'vad');
    expect(state().headphones).toBe(false);
    // A new session may advise again.
    notes.started();
    notes.speechOverReply('r5', 1_000, 'vad');
    notes.speechOverReply('r6', 1_000, 'vad');
    expect(state().headphones).toBe(true);
  });

  it('does not come for interruptions after the reply had spoken a while, before it sounded, or in push-to-talk', () => {
    const { notes, state } = slice();
    notes.speechOverReply('a', ECHO_WINDOW_SAMPLES + 1, 'vad');
    notes.speechOverReply('b', 5 * 24_000, 'vad');
    notes.speechOverReply('c', 0, 'vad');
    notes.speechOverReply('d', 1_000, 'ptt');
    notes.speechOverReply('e', 1_000, 'ptt');
    expect(state().headphones).toBe(false);
  });
});

describe('limit notes', () => {
  const session = {} as LiveSession;
  it('says a limit coming with the time left then, drops an idle warning once someone speaks, and says a limit end but not a drop', () => {
    const { notes, state } = slice(10_000);
    notes.apply({ kind: 'limit', ...ref, limit: 'idle', endsAt: 70_000 });
    expect(state().note).toEqual({ kind: 'limit', limit: 'idle', endsAt: 70_000, leftMs: 60_000 });
    notes.apply({ kind: 'speech_started', ...ref, audioStartMs: 0 });
    expect(state().note).toBeNull();
    notes.apply({ kind: 'limit', ...ref, limit: 'max_length', endsAt: 40_000 });
    notes.apply({ kind: 'speech_started', ...ref, audioStartMs: 0 });
    expect(state().note).toMatchObject({ kind: 'limit', limit: 'max_length' }); // nothing puts the maximum off
    notes.apply({ kind: 'ended', ...ref, reason: 'max_length', error: null, session });
    expect(state().note).toEqual({ kind: 'ended', reason: 'max_length' });
    notes.apply({ kind: 'reconnected', ...ref } as LiveEvent);
    expect(state().note).toEqual({ kind: 'reconnected' });
    notes.apply({ kind: 'ended', ...ref, reason: 'dropped', error: null, session });
    expect(state().note).toBeNull();
  });
});

describe('live errors in words', () => {
  const base = { httpStatus: null, requestId: null, serverMessage: null } as const;
  const cases: ErrorInfo[] = [
    { ...base, kind: 'network', code: 'live_dropped', message: 'The connection … dropped', serverMessage: 'socket hang up' },
    { ...base, kind: 'invalid_input', code: 'live_too_short', message: 'too short' },
    { ...base, kind: 'network', code: 'live_not_ready', message: 'not ready' },
    { ...base, kind: 'bad_request', code: 'close_1008', message: 'closed (code 1008)' },
    { ...base, kind: 'bad_request', code: 'invalid_value', message: 'voice', serverMessage: "Voice 'Nobody' is not supported." },
    { ...base, kind: 'bad_request', code: 'invalid_value', message: 'modalities', serverMessage: "Invalid modalities: ['audio']." },
    { ...base, kind: 'bad_request', code: 'invalid_value', message: 'setting', serverMessage: 'turn_detection.type must be one of server_vad.' },
    { ...base, kind: 'server', code: null, message: 'server', serverMessage: 'Internal service error: null' },
    { ...base, kind: 'unknown', code: 'strange_thing', message: 'odd (strange_thing)', serverMessage: 'Something unusual happened.' },
    { ...base, kind: 'unknown', code: 'x', message: 'odd', serverMessage: 'Error: boom\n    at thing (file.js:1:1)' },
    { ...base, kind: 'rate_limit', code: 'Throttling', message: 'rate' },
    { ...base, kind: 'moderation', code: 'DataInspectionFailed', message: 'moderation' },
    { ...base, kind: 'busy', code: null, message: 'Live voice is already on in “Trip”.' },
    { ...base, kind: 'not_found', code: null, message: 'That live voice session has ended. Start Live voice again.' },
  ];

  it('words each case in English and Chinese without its code, a parameter name or a stack', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const t = translator(lang);
      for (const info of cases) {
        const words = liveErrorWords(info);
        expect(words, info.message).not.toBeNull();
        const text = t(words!.key, words!.params);
        expect(text.length).toBeGreaterThan(20);
        expect(text).not.toMatch(/live_|close_\d|strange_thing|invalid_value|Throttling|DataInspection|turn_detection|\bat thing\b|\{\w+\}/);
        if (lang === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(translator('en')(liveErrorWords(cases[8]!)!.key, liveErrorWords(cases[8]!)!.params)).toContain('“Something unusual happened.”');
  });

  it('leaves the usual wording to what is not the live session\'s own (a refused key, a quota)', () => {
    expect(liveErrorWords({ ...base, kind: 'auth', code: 'InvalidApiKey', message: 'key', httpStatus: 401 })).toBeNull();
    expect(liveErrorWords({ ...base, kind: 'quota', code: 'AllocationQuota.FreeTierOnly', message: 'quota' })).toBeNull();
  });
});
