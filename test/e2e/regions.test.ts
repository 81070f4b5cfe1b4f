// Regions end to end in Chromium, through the browser shell: a key for Beijing and one for Singapore set
// in the Settings dialog, each request going to its own stand-in with its own key; Test connection's
// status line (OK, a wrong key, the other region's key); a custom endpoint added in the dialog receiving
// the request. Three stand-ins, each accepting only its own key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { startStandin, type Standin } from '../standin';
import { chooseOption, optionNames, shownOption } from '../support/select';

const INTL_KEY = 'sk-standin-test'; // the harness's own stand-in plays Singapore
const CN_KEY = 'sk-beijing-7777eeee';
const OWN_KEY = 'sk-own-gpu-5555ffff';

let cn: Standin;
let own: Standin;

beforeAll(async () => {
  [cn, own] = await Promise.all([
    startStandin({ apiKey: CN_KEY, scenario: { text: '北京你好。', audioSeconds: 0.3 } }),
    startStandin({ apiKey: OWN_KEY, scenario: { text: 'Hello from my own server.', audioSeconds: 0.3 } }),
  ]);
});

afterAll(async () => {
  await Promise.all([cn?.close(), own?.close()]);
});

beforeEach(() => {
  for (const s of [cn, own]) s.requests.length = 0;
});

// Each test starts with no key anywhere: every key below is typed into the dialog.
const app = useAppHarness({
  prefix: 'omni-regions-', scenario: { text: 'Hello from Singapore.', audioSeconds: 0.3 }, baseUrls: () => ({ cn: cn.baseUrl }), apiKey: null,
});

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.waitFor();
  return dialog;
}

async function closeSettings(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

async function saveKey(dialog: Locator, key: string): Promise<void> {
  await dialog.getByRole('textbox', { name: 'API key' }).fill(key);
  await dialog.getByRole('button', { name: 'Save key' }).click();
  await dialog.getByText(/this session only/).waitFor();
}

/** Presses Test connection and returns the status line once it has an answer. */
async function testConnection(dialog: Locator): Promise<string> {
  const line = dialog.getByRole('status').filter({ hasText: /^Connection (OK|failed)/ });
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await line.waitFor();
  return line.innerText();
}

/** Sends `text` in a new conversation and waits for the reply to complete. */
async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New conversation', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('article', { name: 'User message' }).filter({ hasText: text }).waitFor();
  await page.locator('article[data-status="complete"]').last().waitFor({ timeout: 20_000 });
}

/** The Authorization of each chat request that carried `text` (Test connection's "hi" is left out). */
function authFor(s: Standin, text: string): string[] {
  return s.requests
    .filter((r) => JSON.stringify(r.body?.messages ?? '').includes(text))
    .map((r) => r.headers.authorization ?? '');
}

describe('regions in the Settings dialog', () => {
  it('Beijing and Singapore keys typed in the dialog: Test connection reports OK / the wrong key / the other region’s key, and each message goes to its region with its key', async () => {
    const { page, errors } = await app.openApp();
    let dialog = await openSettings(page);
    const region = dialog.getByRole('combobox', { name: 'Region' });
    expect(await optionNames(page, region)).toEqual(['Singapore (International)', 'Beijing (China)']);

    await chooseOption(page, region, 'Beijing (China)');
    await dialog.getByText(`Requests go to ${cn.baseUrl}`).waitFor();
    await saveKey(dialog, CN_KEY);
    expect(await testConnection(dialog)).toBe('Connection OK: Qwen3-Omni-Flash answered “北京你好。”.');
    expect(cn.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CN_KEY}`);

    // Singapore has its own, separate key state.
    await chooseOption(page, region, 'Singapore (International)');
    await dialog.getByText(/No API key yet/).waitFor();
    expect(await testConnection(dialog)).toMatch(/^Connection failed: No API key for Singapore \(International\) yet/);
    await saveKey(dialog, 'sk-typo-00001111');
    expect(await testConnection(dialog)).toMatch(/^Connection failed: Singapore \(International\) refused this API key \(HTTP 401: wrong key\)/);
    await saveKey(dialog, CN_KEY);
    expect(await testConnection(dialog)).toMatch(/^Connection failed: This key belongs to Beijing \(China\), not Singapore \(International\)/);
    await saveKey(dialog, INTL_KEY);
    expect(await testConnection(dialog)).toBe('Connection OK: Qwen3-Omni-Flash answered “Hello from Singapore.”.');
    await closeSettings(page, dialog);

    await ask(page, 'Question for Singapore');
    expect(authFor(app.standin, 'Question for Singapore')).toEqual([`Bearer ${INTL_KEY}`]);
    expect(authFor(cn, 'Question for Singapore')).toEqual([]);

    dialog = await openSettings(page);
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Region' }), 'Beijing (China)');
    // Beijing kept its own key while Singapore's changed.
    await dialog.getByText(/this session only/).waitFor();
    await closeSettings(page, dialog);
    await ask(page, 'Question for Beijing');
    expect(authFor(cn, 'Question for Beijing')).toEqual([`Bearer ${CN_KEY}`]);
    expect(authFor(app.standin, 'Question for Beijing')).toEqual([]);
    await page.getByText('北京你好。').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a custom endpoint added in the dialog is listed under Region, tested, and receives the message with its key and model', async () => {
    const { page, errors } = await app.openApp();
    const dialog = await openSettings(page);
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await dialog.getByRole('textbox', { name: 'Endpoint name' }).fill('Lab GPU');
    await dialog.getByRole('textbox', { name: 'Base URL' }).fill('ftp://example.com/v1');
    await dialog.getByRole('button', { name: 'Save endpoint' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The base URL must start with http:// or https://.' }).waitFor();

    await dialog.getByRole('textbox', { name: 'Base URL' }).fill(`${own.baseUrl}/`);
    await dialog.getByRole('textbox', { name: 'Endpoint key (optional)' }).fill(OWN_KEY);
    expect(await dialog.getByRole('checkbox', { name: 'Qwen2.5-Omni-7B' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'Data-URI budget (bytes)' }).inputValue()).toBe('10485760');
    await dialog.getByRole('button', { name: 'Save endpoint' }).click();
    await dialog.getByText('Endpoint saved.').waitFor();
    await dialog.getByRole('listitem', { name: 'Lab GPU' }).getByText(`${own.baseUrl} · Qwen2.5-Omni-7B`).waitFor();

    const region = dialog.getByRole('combobox', { name: 'Region' });
    expect(await optionNames(page, region)).toEqual(['Singapore (International)', 'Beijing (China)', 'Lab GPU']);
    await chooseOption(page, region, 'Lab GPU');
    // It serves only Qwen2.5-Omni-7B, so that becomes the model.
    await dialog.getByText('Lab GPU serves: Qwen2.5-Omni-7B.').waitFor();
    expect(await shownOption(dialog.getByRole('combobox', { name: 'Model' }))).toBe('Qwen2.5-Omni-7B');
    expect(await testConnection(dialog)).toBe('Connection OK: Qwen2.5-Omni-7B answered “Hello from my own server.”.');
    await closeSettings(page, dialog);

    await ask(page, 'Question for my server');
    const got = own.requests.filter((r) => JSON.stringify(r.body?.messages ?? '').includes('Question for my server'));
    expect(got.map((r) => [r.headers.authorization, r.body.model])).toEqual([[`Bearer ${OWN_KEY}`, 'qwen2.5-omni-7b']]);
    expect(authFor(app.standin, 'Question for my server')).toEqual([]);
    expect(authFor(cn, 'Question for my server')).toEqual([]);

    // Removed while chosen: Region goes back to Singapore.
    const again = await openSettings(page);
    await again.getByRole('button', { name: 'Remove Lab GPU' }).click();
    await again.getByText('Endpoint removed.').waitFor();
    await again.getByText('No custom endpoints yet.').waitFor();
    await expect.poll(() => shownOption(again.getByRole('combobox', { name: 'Region' }))).toBe('Singapore (International)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Chinese: the status line names the problem in Chinese; an endpoint edited in the dialog shows its new name under Region', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN', region: 'intl' });
    await app.core.handlers['key.set']({ region: 'intl', key: CN_KEY });
    // The harness's openApp waits for the English UI; this page speaks Chinese.
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await page.getByRole('button', { name: '新对话', exact: true }).waitFor();
    await page.locator('.settings-button').click();
    const dialog = page.getByRole('dialog', { name: '设置', exact: true });
    await dialog.waitFor();
    const line = dialog.getByRole('status').filter({ hasText: /^连接/ });
    await dialog.getByRole('button', { name: '测试连接' }).click();
    await line.waitFor();
    expect(await line.innerText()).toBe('连接失败：这个 Key 属于 北京（中国内地），不属于 新加坡（国际）。请在“地域”中选择 北京（中国内地），或输入为 新加坡（国际） 创建的 Key。');

    await dialog.getByRole('button', { name: '添加端点' }).click();
    await dialog.getByRole('textbox', { name: '端点名称' }).fill('实验室');
    await dialog.getByRole('textbox', { name: '基础 URL' }).fill(own.baseUrl);
    await dialog.getByRole('button', { name: '保存端点' }).click();
    await dialog.getByText('端点已保存。').waitFor();
    await dialog.getByRole('button', { name: '编辑 实验室' }).click();
    await dialog.getByRole('textbox', { name: '端点名称' }).fill('实验室 GPU');
    await dialog.getByRole('button', { name: '保存端点' }).click();
    await dialog.getByText('端点已保存。').waitFor();
    const region = dialog.getByRole('combobox', { name: '地域' });
    await dialog.getByRole('listitem', { name: '实验室 GPU' }).waitFor();
    expect(await optionNames(page, region)).toEqual(['新加坡（国际）', '北京（中国内地）', '实验室 GPU']);
    // Saved without a key: the server wants one.
    await chooseOption(page, region, '实验室 GPU');
    await dialog.getByText('未保存 Key：请求将不带 Key 发送。如果该服务器需要 Key，请在此输入。').waitFor();
    await dialog.getByRole('button', { name: '测试连接' }).click();
    await dialog.getByRole('status').filter({ hasText: /^连接失败：/ }).waitFor();
    expect(await line.innerText()).toBe('连接失败：实验室 GPU 拒绝了 Key，或需要 Key（HTTP 401）。请输入该服务器要求的 Key，然后再测试。');
    expect(errors).toEqual([]);
    await page.close();
  });
});
