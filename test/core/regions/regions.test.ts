// Regions, each with its own key, and custom OpenAI-compatible endpoints: through the assembled core on a
// real SQLite file, against two stand-ins over real HTTP (Singapore and Beijing, each accepting only its
// own key) and, for custom endpoints, a third.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/app-core';
import { startStandin, type Standin } from '../../standin';
import { CN_KEY, INTL_KEY, must, refused, startCore, testCipher, twoRegions, type TestCore } from './helpers';

let regions: Awaited<ReturnType<typeof twoRegions>>;
let t: TestCore | null = null;
beforeAll(async () => {
  regions = await twoRegions();
});
afterAll(async () => {
  await regions.close();
});
afterEach(async () => {
  await t?.close();
  t = null;
  regions.intl.requests.length = 0;
  regions.cn.requests.length = 0;
});

const baseUrls = () => ({ intl: regions.intl.baseUrl, cn: regions.cn.baseUrl });
const auth = (s: Standin) => s.requests.map((r) => r.headers.authorization ?? null);

async function sendAndFinish(tc: TestCore, text: string) {
  const sent = await must(tc.call('chat.send', { conversationId: null, text, attachmentIds: [], options: { speakReplies: false } }));
  return tc.outcome(sent.assistantMessage.id);
}

describe('each region keeps its own key', () => {
  it('Singapore and Beijing keys are saved apart (encrypted), cleared apart, and never appear in the file or a log', async () => {
    t = await startCore({ baseUrls: baseUrls(), cipher: testCipher() });
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'none' });
    expect(await must(t.call('key.set', { region: 'intl', key: INTL_KEY }))).toMatchObject({ source: 'stored', canPersist: true });
    expect(await must(t.call('key.status', { region: 'cn' }))).toMatchObject({ source: 'none' });
    await must(t.call('key.set', { region: 'cn', key: CN_KEY }));
    expect(await must(t.call('key.status', { region: 'cn' }))).toMatchObject({ source: 'stored' });

    await must(t.call('key.clear', { region: 'intl' }));
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'none' });
    expect(await must(t.call('key.status', { region: 'cn' }))).toMatchObject({ source: 'stored' });
    // Without a region, the one chosen in Settings (Singapore by default).
    expect(await must(t.call('key.status', {}))).toMatchObject({ source: 'none' });

    await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
    const dir = t.dir;
    await t.core.close();
    const file = Buffer.concat([readFileSync(join(dir, DATABASE_FILE)), readFileSync(join(dir, `${DATABASE_FILE}-wal`), { flag: 'a+' })]);
    expect(file.includes(INTL_KEY)).toBe(false);
    expect(file.includes(CN_KEY)).toBe(false);
    expect(t.logs.join('\n')).not.toMatch(/sk-(intl|cn)-/);
    t = null;
  });

  it('a message goes to the chosen region with that region’s key: Singapore to its stand-in, Beijing to the other', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
    await must(t.call('key.set', { region: 'cn', key: CN_KEY }));
    regions.intl.setScenario({ text: 'Hello from Singapore.' });
    regions.cn.setScenario({ text: '北京你好。' });

    expect((await sendAndFinish(t, 'Which region?')).status).toBe('complete');
    expect(auth(regions.intl)).toEqual([`Bearer ${INTL_KEY}`]);
    expect(regions.cn.requests).toHaveLength(0);

    await must(t.call('settings.update', { region: 'cn' }));
    expect((await must(t.call('app.info', {}))).endpoint).toBe(regions.cn.baseUrl);
    const o = await sendAndFinish(t, 'And now?');
    expect(o.status).toBe('complete');
    expect(auth(regions.cn)).toEqual([`Bearer ${CN_KEY}`]);
    expect(regions.intl.requests).toHaveLength(1);
    const text = t.events.filter((e) => e.kind === 'text' && e.messageId === o.messageId).map((e) => (e as { delta: string }).delta).join('');
    expect(text).toBe('北京你好。');
  });

  it('a region without its key is refused before sending, naming the region', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
    await must(t.call('settings.update', { region: 'cn' }));
    const e = await refused(t.call('chat.send', { conversationId: null, text: 'hi', attachmentIds: [], options: {} }));
    expect(e.kind).toBe('no_key');
    expect(e.message).toContain('Beijing (China)');
    expect(regions.cn.requests).toHaveLength(0);
  });

  it('DASHSCOPE_API_KEY serves both DashScope regions but is never sent to a custom endpoint', async () => {
    t = await startCore({ baseUrls: baseUrls(), envKey: INTL_KEY });
    expect(await must(t.call('key.status', { region: 'cn' }))).toMatchObject({ source: 'env' });
    const own = await startStandin({ apiKey: 'sk-own-server-0000' });
    try {
      const ep = await must(t.call('endpoints.add', { name: 'My vLLM', baseUrl: own.baseUrl, models: ['qwen2.5-omni-7b'] }));
      expect(ep.key.source).toBe('none');
      await must(t.call('settings.update', { region: ep.id, model: 'qwen2.5-omni-7b' }));
      const o = await sendAndFinish(t, 'hello');
      expect(o.status).toBe('failed');
      expect(own.requests).toHaveLength(1);
      expect(own.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it('keys survive a restart, each in its region', async () => {
    const cipher = testCipher();
    t = await startCore({ baseUrls: baseUrls(), cipher });
    await must(t.call('key.set', { region: 'cn', key: CN_KEY }));
    const dir = t.dir;
    await t.core.close();
    const again = await startCore({ baseUrls: baseUrls(), cipher }, dir);
    t = { ...again, close: async () => { await again.close(); await import('node:fs/promises').then((f) => f.rm(dir, { recursive: true, force: true })); } };
    expect(await must(t.call('key.status', { region: 'cn' }))).toMatchObject({ source: 'stored' });
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'none' });
    await must(t.call('settings.update', { region: 'cn' }));
    expect((await sendAndFinish(t, 'after restart')).status).toBe('complete');
    expect(auth(regions.cn)).toEqual([`Bearer ${CN_KEY}`]);
  });
});

describe('custom endpoints', () => {
  it('are added, listed, changed and removed; removing the chosen one goes back to Singapore and forgets its key', async () => {
    t = await startCore({ baseUrls: baseUrls(), cipher: testCipher() });
    const added = await must(t.call('endpoints.add', {
      name: '  Lab server ', baseUrl: 'http://127.0.0.1:8000/v1/', models: ['qwen2.5-omni-7b', 'qwen2.5-omni-7b'], key: 'sk-lab-secret-1',
    }));
    expect(added).toMatchObject({
      name: 'Lab server', baseUrl: 'http://127.0.0.1:8000/v1', models: ['qwen2.5-omni-7b'], dataUriBudget: 10_485_760,
    });
    expect(added.id).toMatch(/^ep_/);
    expect(added.key.source).toBe('stored');
    expect(JSON.stringify(added)).not.toContain('sk-lab-secret-1');

    const changed = await must(t.call('endpoints.update', { id: added.id, models: ['qwen3-omni-flash', 'qwen2.5-omni-7b'], dataUriBudget: 5_000_000, key: null }));
    expect(changed).toMatchObject({ name: 'Lab server', models: ['qwen3-omni-flash', 'qwen2.5-omni-7b'], dataUriBudget: 5_000_000 });
    expect(changed.key.source).toBe('none');
    expect(await must(t.call('endpoints.list', {}))).toEqual([changed]);

    await must(t.call('key.set', { region: added.id, key: 'sk-lab-secret-2' }));
    await must(t.call('settings.update', { region: added.id }));
    expect((await must(t.call('app.info', {}))).endpoint).toBe('http://127.0.0.1:8000/v1');
    await must(t.call('endpoints.remove', { id: added.id }));
    expect(await must(t.call('endpoints.list', {}))).toEqual([]);
    expect((await must(t.call('settings.get', {}))).region).toBe('intl');
    // Its key went with it: a new endpoint never inherits it.
    const gone = await refused(t.call('key.status', { region: added.id }));
    expect(gone.kind).toBe('not_found');
    expect(await refused(t.call('endpoints.remove', { id: added.id }))).toMatchObject({ kind: 'not_found' });
  });

  it('refuse bad entries with a message that says what to do', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    const ok = { name: 'Mine', baseUrl: 'https://omni.example/v1', models: ['qwen2.5-omni-7b'] };
    const msg = async (input: object) => (await refused(t!.call('endpoints.add', { ...ok, ...input } as never))).message;
    expect(await msg({ baseUrl: 'ftp://omni.example/v1' })).toContain('must start with http:// or https://');
    expect(await msg({ baseUrl: 'omni.example/v1' })).toContain('That is not a URL');
    expect(await msg({ baseUrl: '' })).toContain('Enter the base URL');
    expect(await msg({ baseUrl: 'https://omni.example/v1/chat/completions' })).toContain('Leave /chat/completions out');
    expect(await msg({ baseUrl: 'https://me:pw@omni.example/v1' })).toContain('Leave the user name and password out');
    expect(await msg({ baseUrl: 'https://omni.example/v1?x=1' })).toContain('cannot have a ?query');
    expect(await msg({ models: [] })).toContain('Pick at least one model');
    // A well-formed id the app does not know: add it as your own model first.
    expect(await msg({ models: ['gpt-4o'] })).toContain('gpt-4o is not a model this app knows');
    expect(await msg({ models: ['not a model id'] })).toMatch(/model id/i);
    expect(await msg({ dataUriBudget: 10 })).toContain('at least 1,024 bytes');
    expect(await msg({ dataUriBudget: 1.5 })).toContain('whole number');
    expect(await msg({ name: '   ' })).toContain('Give the endpoint a name');
    expect(await msg({ key: 'short' })).toContain('too short');
    expect(await must(t.call('endpoints.list', {}))).toEqual([]);
    expect(await refused(t.call('settings.update', { region: 'ep_missing' }))).toMatchObject({ kind: 'not_found' });
    expect(await refused(t.call('endpoints.update', { id: 'ep_missing', name: 'x' }))).toMatchObject({ kind: 'not_found' });
  });

  it('the chosen endpoint receives the message with its own key, and refuses a model it does not serve', async () => {
    const own = await startStandin({ apiKey: 'sk-own-server-1234' });
    try {
      t = await startCore({ baseUrls: baseUrls() });
      await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
      const ep = await must(t.call('endpoints.add', { name: 'Own', baseUrl: own.baseUrl, models: ['qwen2.5-omni-7b'], key: 'sk-own-server-1234' }));
      await must(t.call('settings.update', { region: ep.id }));
      const e = await refused(t.call('chat.send', { conversationId: null, text: 'hi', attachmentIds: [], options: {} }));
      expect(e.message).toContain('Own serves only qwen2.5-omni-7b');
      expect(own.requests).toHaveLength(0);

      await must(t.call('settings.update', { model: 'qwen2.5-omni-7b' }));
      expect((await sendAndFinish(t, 'hello own server')).status).toBe('complete');
      expect(auth(own)).toEqual(['Bearer sk-own-server-1234']);
      expect(own.requests[0]!.body.model).toBe('qwen2.5-omni-7b');
      expect(regions.intl.requests).toHaveLength(0);
    } finally {
      await own.close();
    }
  });
});

describe('Test connection', () => {
  it('OK with the model’s answer, using the region’s key and address', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    await must(t.call('key.set', { region: 'cn', key: CN_KEY }));
    regions.cn.setScenario({ text: 'Hi! How can I help?' });
    const r = await must(t.call('connection.test', { region: 'cn' }));
    expect(r).toMatchObject({ ok: true, region: 'cn', endpoint: regions.cn.baseUrl, model: 'qwen3-omni-flash', answer: 'Hi! How can I help?' });
    const body = regions.cn.requests[0]!.body;
    expect(body).toMatchObject({ stream: true, modalities: ['text'], max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(body.audio).toBeUndefined();
    expect(auth(regions.cn)).toEqual([`Bearer ${CN_KEY}`]);
  });

  it('no key: says which region needs one, and sends nothing', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    const r = await must(t.call('connection.test', {}));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('no_key');
    expect(r.error.message).toContain('No API key for Singapore (International)');
    expect(regions.intl.requests).toHaveLength(0);
  });

  it('a wrong key: 401, the key was refused', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    await must(t.call('key.set', { region: 'intl', key: 'sk-typo-9999zzzz' }));
    const r = await must(t.call('connection.test', {}));
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401 } });
    if (r.ok) return;
    expect(r.error.message).toContain('Singapore (International) refused this API key (HTTP 401: wrong key)');
    expect(r.error.message).not.toContain('sk-typo');
  });

  it('the other region’s key: says the key belongs to Beijing and to choose it', async () => {
    t = await startCore({ baseUrls: baseUrls() });
    await must(t.call('key.set', { region: 'intl', key: CN_KEY }));
    const r = await must(t.call('connection.test', { region: 'intl' }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401 } });
    if (r.ok) return;
    expect(r.error.message).toContain('This key belongs to Beijing (China), not Singapore (International)');
    expect(r.keyRegion).toBe('cn');
    expect(auth(regions.intl)).toEqual([`Bearer ${CN_KEY}`]);
    expect(auth(regions.cn)).toEqual([`Bearer ${CN_KEY}`]);
  });

  it('an unreachable address: says it could not reach it', async () => {
    const closed = await startStandin();
    const deadUrl = closed.baseUrl;
    await closed.close();
    t = await startCore({ baseUrls: { intl: deadUrl, cn: regions.cn.baseUrl } });
    await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
    const r = await must(t.call('connection.test', {}));
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (r.ok) return;
    expect(r.error.message).toContain(`Could not reach ${deadUrl}: the connection was refused`);
  });

  it('custom endpoints: model not found, a wrong path, a missing key, and OK with the first model it serves', async () => {
    const own = await startStandin({ apiKey: 'sk-own-server-5678' });
    try {
      t = await startCore({ baseUrls: baseUrls() });
      const ep = await must(t.call('endpoints.add', { name: 'Own', baseUrl: own.baseUrl, models: ['qwen2.5-omni-7b'] }));
      const noKey = await must(t.call('connection.test', { region: ep.id }));
      expect(noKey.ok || noKey.error.message).toBe('Own wants an API key (HTTP 401). Enter its key in API key, then test again.');

      await must(t.call('key.set', { region: ep.id, key: 'sk-own-server-5678' }));
      own.setScenario({ httpError: { status: 404, code: 'model_not_found', message: 'The model `qwen2.5-omni-7b` does not exist.' } });
      const missing = await must(t.call('connection.test', { region: ep.id }));
      expect(missing).toMatchObject({ ok: false, model: 'qwen2.5-omni-7b', error: { kind: 'model_not_found' } });
      expect(missing.ok || missing.error.message).toContain('Own does not serve qwen2.5-omni-7b');

      own.setScenario({ httpError: null, text: 'hello from my GPU' });
      await must(t.call('endpoints.update', { id: ep.id, baseUrl: own.baseUrl.replace('/compatible-mode/v1', '/v1') }));
      const wrongPath = await must(t.call('connection.test', { region: ep.id }));
      expect(wrongPath.ok || wrongPath.error.message).toContain('Check the base URL');

      await must(t.call('endpoints.update', { id: ep.id, baseUrl: own.baseUrl }));
      const good = await must(t.call('connection.test', { region: ep.id }));
      expect(good).toMatchObject({ ok: true, model: 'qwen2.5-omni-7b', answer: 'hello from my GPU', endpoint: own.baseUrl });
      expect(own.requests.at(-1)!.body.model).toBe('qwen2.5-omni-7b');
    } finally {
      await own.close();
    }
  });
});
