// The data-URI budget comes from the chosen endpoint: a picture that DashScope takes as it is gets made
// smaller for a custom endpoint whose server accepts less, and the request it receives stays within it.
// Real ffmpeg makes and fits the picture; the core runs on a real SQLite file against stand-ins.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin';
import { INTL_KEY, must, startCore, type TestCore } from './helpers';

const OWN_KEY = 'sk-own-budget-2468';
const BUDGET = 60_000;

let intl: Standin;
let own: Standin;
let t: TestCore;
let picture: string;

beforeAll(async () => {
  [intl, own] = await Promise.all([startStandin({ apiKey: INTL_KEY }), startStandin({ apiKey: OWN_KEY })]);
  t = await startCore({ baseUrls: { intl: intl.baseUrl, cn: intl.baseUrl } });
  picture = join(t.dir, 'noise.png');
  // Noise does not compress: about 200 KB as PNG, far over the custom budget, far under DashScope's.
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'nullsrc=s=256x256,geq=random(1)*255:random(2)*255:random(3)*255',
    '-frames:v', '1', '-y', picture]);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([intl?.close(), own?.close()]);
});

function imageUrls(s: Standin): string[] {
  const body = s.requests.at(-1)?.body;
  const user = (body?.messages ?? []).filter((m: { role: string }) => m.role === 'user').at(-1);
  return (user?.content ?? []).filter((p: { type: string }) => p.type === 'image_url').map((p: { image_url: { url: string } }) => p.image_url.url);
}

async function sendPicture(text: string): Promise<void> {
  const view = t.core.attachPath(picture, { name: 'noise.png' });
  const settled = await t.core.attachmentSettled(view.id);
  expect(settled?.state, settled?.error ?? '').toBe('ready');
  const sent = await must(t.call('chat.send', { conversationId: null, text, attachmentIds: [view.id], options: { speakReplies: false } }));
  expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
}

describe('the data-URI budget of the chosen endpoint', () => {
  it('DashScope (10,485,760) takes the picture as it is; a custom endpoint with 60,000 gets it made to fit', async () => {
    const size = statSync(picture).size;
    expect(size).toBeGreaterThan(BUDGET);

    await must(t.call('key.set', { region: 'intl', key: INTL_KEY }));
    await must(t.call('settings.update', { model: 'qwen2.5-omni-7b' }));
    await sendPicture('DashScope picture');
    const [asIs] = imageUrls(intl);
    expect(asIs!.length).toBeGreaterThan(BUDGET);
    expect(Buffer.from(asIs!.slice(asIs!.indexOf(',') + 1), 'base64').length).toBe(size);

    const ep = await must(t.call('endpoints.add', { name: 'Small server', baseUrl: own.baseUrl, models: ['qwen2.5-omni-7b'], dataUriBudget: BUDGET, key: OWN_KEY }));
    await must(t.call('settings.update', { region: ep.id }));
    await sendPicture('Custom endpoint picture');
    const [fitted] = imageUrls(own);
    expect(fitted).toMatch(/^data:image\//);
    expect(fitted!.length).toBeLessThanOrEqual(BUDGET);
    expect(own.requests.at(-1)?.headers.authorization).toBe(`Bearer ${OWN_KEY}`);
  });
});
