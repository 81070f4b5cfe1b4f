// Live voice when things go wrong: the session's limits (warned, then ended cleanly), a dropped socket (opened
// again once with the same session, or ended with everything said kept), and every kind of refusal and error
// event worded with what to do. Real WebSocket to the stand-in, real SQLite, real speech.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REALTIME_SCENARIO, startStandin, type Standin } from '../../standin';
import { must, refused, startTestCore, type TestCore, type TestCoreOptions } from '../../support/test-core';
import { concat, liveEvents, openChannel, silence16k, speech16k } from './helpers';

let standin: Standin;
const cores: TestCore[] = [];
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(() => standin.realtime.setScenario({ ...DEFAULT_REALTIME_SCENARIO, pace: 4, audioSeconds: 0.8 }));
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function core(o: TestCoreOptions = {}): Promise<TestCore> {
  const c = await startTestCore({ standin, prefix: 'omni-live-faults-', ...o });
  cores.push(c);
  return c;
}

describe('the session\'s limits', () => {
  it('warns before the maximum length and then ends the session cleanly, keeping what was said', async () => {
    // Made before the session starts: espeak-ng and ffmpeg on a loaded machine would eat into its 3.5 s.
    const said = concat(await speech16k('Hello.'), silence16k(400));
    const t = await core({ live: { maxSessionMs: 3_500, warnBeforeMs: 1_500 } });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    expect(session.endsAt - session.startedAt).toBe(3_500);
    const page = openChannel(t.core, session.sessionId);
    await page.speak(said, { speed: 0 });
    await live.wait('reply_done');
    const warned = await live.wait('limit');
    expect(warned).toMatchObject({ limit: 'max_length', endsAt: session.endsAt });
    expect(Date.now()).toBeLessThan(session.endsAt);
    const ended = await live.wait('ended', () => true, 6_000);
    expect(ended).toMatchObject({ reason: 'max_length', error: null, session: { state: 'ended', endReason: 'max_length' } });
    expect(Date.now()).toBeGreaterThanOrEqual(session.endsAt - 50);
    expect(page.ended).toBe(true);
    // Ended by the app, cleanly: the socket was closed by the client, not dropped.
    expect(standin.realtime.sessions.at(-1)!.closed).toMatchObject({ code: 1000 });
    const { messages } = await must(t.call('conversations.get', { id: session.conversationId }));
    expect(messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    expect(await must(t.call('live.status', {}))).toEqual([]);
  });

  it('warns when nobody has spoken for a while, puts it off when someone speaks, then ends the idle session', async () => {
    // Made before the session starts: espeak-ng and ffmpeg on a loaded machine can take longer than the 2 s idle limit.
    const said = concat(await speech16k('Still here.'), silence16k(400));
    const t = await core({ live: { idleTimeoutMs: 2_000, warnBeforeMs: 1_000 } });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const page = openChannel(t.core, session.sessionId);
    const first = await live.wait('limit');
    expect(first.limit).toBe('idle');
    // Speech puts it off: no end where the first warning said.
    await page.speak(said, { speed: 0 });
    await live.wait('reply_done');
    const after = live.events.length;
    const second = await live.wait('limit', () => true, 5_000, after);
    expect(second.endsAt).toBeGreaterThan(first.endsAt);
    const ended = await live.wait('ended', () => true, 5_000);
    expect(ended.reason).toBe('idle');
    expect(ended.session.endReason).toBe('idle');
  });
});

describe('a dropped socket', () => {
  it('opens a new one with the same session settings and goes on in the same conversation', async () => {
    const t = await core();
    standin.realtime.setScenario({ transcripts: ['First question', 'Second question'], replies: ['First answer.', 'Second answer.'] });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const page = openChannel(t.core, session.sessionId);
    await page.speak(concat(await speech16k('First question.'), silence16k(400)), { speed: 0 });
    await live.wait('reply_done');
    const first = standin.realtime.sessions.at(-1)!;

    standin.realtime.drop();
    await live.wait('reconnected');
    const second = standin.realtime.sessions.at(-1)!;
    expect(second).not.toBe(first);
    expect(second.updates[0]).toEqual(first.updates[0]);
    expect(live.of('state').map((e) => e.state)).toEqual(expect.arrayContaining(['reconnecting', 'listening']));

    await page.speak(concat(await speech16k('Second question.'), silence16k(400)), { speed: 0 });
    await live.wait('reply_done', (e) => e.message.text === 'Second answer.');
    const { messages } = await must(t.call('conversations.get', { id: session.conversationId }));
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'First question'], ['assistant', 'First answer.'], ['user', 'Second question'], ['assistant', 'Second answer.'],
    ]);
    await must(t.call('live.end', { sessionId: session.sessionId }));
  });

  it('ends with what was said kept when the socket cannot be opened again: the reply arriving cut off', async () => {
    const t = await core();
    standin.realtime.setScenario({ transcripts: ['Tell me everything'], replyText: 'This answer is long and will be cut.', audioSeconds: 6, pace: 1 });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const page = openChannel(t.core, session.sessionId);
    await page.speak(concat(await speech16k('Tell me everything.'), silence16k(400)), { speed: 0 });
    const reply = await live.wait('reply_started');
    await waitFor(() => page.frames.length >= 3, 'three reply frames');
    standin.realtime.setScenario({ refuseUpgrades: 1 });
    standin.realtime.drop();
    const ended = await live.wait('ended');
    expect(ended.reason).toBe('dropped');
    expect(ended.error).toMatchObject({ kind: 'network', code: 'live_dropped' });
    expect(ended.error!.message).toMatch(/dropped and could not be made again\. Everything said so far is kept/);
    expect(standin.realtime.refused.at(-1)!.status).toBe(503);

    const { messages } = await must(t.call('conversations.get', { id: session.conversationId }));
    expect(messages.map((m) => [m.role, m.text, m.status])).toEqual([['user', 'Tell me everything', 'complete'], ['assistant', messages[1]!.text, 'cut_off']]);
    expect(messages[1]!.id).toBe(reply.message.id);
    expect(messages[1]!.error).toMatchObject({ kind: 'cut_off' });
    // What arrived before the drop is kept, exactly as the page got it.
    expect(messages[1]!.audio!.samples * 2).toBe(page.replyAudio(reply.message.id).byteLength);
  });

  it('keeps words being said when the socket went (push-to-talk held), with their recording', async () => {
    const t = await core();
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'ptt' }));
    const page = openChannel(t.core, session.sessionId);
    await must(t.call('live.talk', { sessionId: session.sessionId, action: 'start' }));
    const words = await speech16k('And one more thing');
    await page.speak(words, { speed: 0 });
    standin.realtime.setScenario({ refuseUpgrades: 1 });
    standin.realtime.drop();
    await live.wait('ended', (e) => e.reason === 'dropped');
    const { messages } = await must(t.call('conversations.get', { id: session.conversationId }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ role: 'user', text: '', liveSessionId: session.sessionId, attachments: [expect.objectContaining({ kind: 'audio' })] });
    expect(t.core.replyWav(messages[0]!.id).wav.byteLength).toBe(44 + words.byteLength);
  });
});

describe('errors, worded with what to do', () => {
  it('refuses a voice the model does not have, before anything is kept', async () => {
    const t = await core();
    standin.realtime.setScenario({ errorOn: { 'session.update': { type: 'invalid_request_error', code: 'invalid_value', message: "Voice 'Nobody' is not supported.", param: 'session.voice' } } });
    const error = await refused(t.call('live.start', { conversationId: null, model: 'qwen3.5-omni-plus-realtime', voice: 'Nobody' }));
    expect(error.kind).toBe('bad_request');
    expect(error.message).toBe('Qwen3.5-Omni-Plus-Realtime does not speak with the voice “Nobody”. Choose another voice for Live voice, then start it again.');
    expect(standin.realtime.sessions.at(-1)!.updates[0]).toMatchObject({ voice: 'Nobody', input_audio_format: 'pcm', output_audio_format: 'pcm' });
    expect(await must(t.call('conversations.list', { limit: 10 }))).toEqual([]);
  });

  it('says the free quota is used up when the service closes for it (1007), and that a key was refused', async () => {
    const t = await core();
    standin.realtime.setScenario({ closeAfterCreated: { code: 1007, reason: 'The free tier of the model has been exhausted.' } });
    const quota = await refused(t.call('live.start', { conversationId: null }));
    expect(quota.kind).toBe('quota');
    expect(quota.message).toMatch(/free quota for this model is used up/);

    standin.realtime.setScenario({ closeAfterCreated: null });
    const wrongKey = await core({ envKey: 'sk-not-the-right-one' });
    const auth = await refused(wrongKey.call('live.start', { conversationId: null }));
    expect(auth).toMatchObject({ kind: 'auth', httpStatus: 401 });
    expect(auth.message).toMatch(/refused by the Singapore \(International\) endpoint/);
  });

  it('passes on an error the service sends mid-session, worded; the session goes on', async () => {
    const t = await core();
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null }));
    standin.realtime.sendError({ type: 'server_error', code: null, message: 'Internal service error: null' });
    const e1 = await live.wait('error');
    expect(e1).toMatchObject({ fatal: false, error: { kind: 'server' } });
    expect(e1.error.message).toMatch(/Say it again/);
    standin.realtime.sendError({ type: 'invalid_request_error', code: 'strange_thing', message: 'Something unusual happened.' });
    const e2 = await live.wait('error', (e) => e.error.code === 'strange_thing');
    expect(e2.error).toMatchObject({ kind: 'unknown', serverMessage: 'Something unusual happened.' });
    expect(e2.error.message).toBe('The live voice service reported a problem: “Something unusual happened.” (strange_thing). Go on speaking; if nothing answers, end Live voice and start it again.');
    expect((await must(t.call('live.status', {})))[0]!.sessionId).toBe(session.sessionId);
    await must(t.call('live.end', { sessionId: session.sessionId }));
  });

  it('refuses what cannot start: a workspace-only model on the shared host, an endpoint without a Realtime address, a second session', async () => {
    const shared = await core({ baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', envKey: 'sk-offline' });
    const ws = await refused(shared.call('live.start', { conversationId: null, model: 'qwen3.8-omni-flash-realtime' }));
    expect(ws.message).toMatch(/^Qwen3\.8-Omni-Flash-Realtime is served only at your workspace's own address\./);

    const t = await core();
    const ep = await must(t.call('endpoints.add', { name: 'Lab', baseUrl: 'http://127.0.0.1:9/v1', models: ['qwen3-omni-flash', 'qwen3-omni-flash-realtime'] }));
    await must(t.call('settings.update', { region: ep.id }));
    const none = await refused(t.call('live.start', { conversationId: null }));
    expect(none.message).toBe('Lab has no Realtime address, so Live voice cannot start there. Add the endpoint\'s Realtime URL (ws:// or wss://) in Settings → Region, or choose a DashScope region.');
    // With its Realtime address (here the stand-in's) Live voice starts there; a second session is refused.
    await must(t.call('endpoints.update', { id: ep.id, realtimeUrl: standin.realtimeUrl, key: standin.apiKey }));
    const session = await must(t.call('live.start', { conversationId: null }));
    const second = await refused(t.call('live.start', { conversationId: null }));
    expect(second).toMatchObject({ kind: 'busy' });
    expect(second.message).toMatch(/^Live voice is already on in “Live voice”\. End it there first/);
    await must(t.call('live.end', { sessionId: session.sessionId }));
    const gone = await refused(t.call('live.talk', { sessionId: session.sessionId, action: 'start' }));
    expect(gone).toMatchObject({ kind: 'not_found', message: 'That live voice session has ended. Start Live voice again.' });
  });
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a session whose window went away', () => {
  it('ends when no window takes its audio again in time, keeping what was said; a reload in time keeps it going', async () => {
    const said = concat(await speech16k('Hello.'), silence16k(400));
    const t = await core({ live: { detachedMs: 600 } });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const first = openChannel(t.core, session.sessionId);
    await first.speak(said, { speed: 0 });
    await live.wait('reply_done');
    // A reload: the page's channel closes and the new page takes the audio before the grace is over.
    first.channel.close();
    const second = openChannel(t.core, session.sessionId);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(live.events.some((e) => e.kind === 'ended')).toBe(false);
    expect((await must(t.call('live.status', {}))).map((s) => s.state)).not.toContain('ended');
    // The window closes for good: nobody takes it, and it ends as closing the app would.
    second.channel.close();
    const ended = await live.wait('ended', () => true, 5_000);
    expect(ended.reason).toBe('shutdown');
    expect(standin.realtime.sessions.at(-1)!.closed).toMatchObject({ code: 1000 });
    const { messages } = await must(t.call('conversations.get', { id: session.conversationId }));
    expect(messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    expect(await must(t.call('live.status', {}))).toEqual([]);
  });
});
