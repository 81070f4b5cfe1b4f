// The first run and the theme, as Settings the renderer reads (assembled core, real SQLite file, the
// stand-in): the welcome is over once a key passes Test connection, a reply completes or the user skips it,
// and stays over after a restart; the theme is system, light or dark and is kept.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain';
import { DEFAULT_SCENARIO, startStandin, type Standin } from '../standin';
import { must, refused, startTestCore, type TestCore } from '../support/test-core';

let standin: Standin;
let dir: string;
let tc: TestCore;

/** A first start: nothing stored yet, so every setting is the app's default. */
const firstRun = (o: { envKey?: string | null } = {}) =>
  startTestCore({ standin, dataDir: dir, welcomeDone: false, generateTitles: true, envKey: null, ...o });
/** The app started again on the same data folder: the settings as stored. */
const restart = async () => {
  await tc.close();
  tc = await startTestCore({ standin, dataDir: dir, welcomeDone: null, generateTitles: null, envKey: null });
};
const settings = () => must(tc.call('settings.get', {}));

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  standin.setScenario({ ...DEFAULT_SCENARIO, audioSeconds: 0.5 });
  dir = await mkdtemp(join(tmpdir(), 'omni-welcome-'));
  tc = await firstRun();
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the first run', () => {
  it('starts with the welcome to show and the system theme', async () => {
    expect(await settings()).toEqual(DEFAULT_SETTINGS);
    expect([DEFAULT_SETTINGS.welcomeDone, DEFAULT_SETTINGS.theme]).toEqual([false, 'system']);
  });

  it('is over once a key passes Test connection (not before), and stays over after a restart', async () => {
    expect((await must(tc.call('connection.test', {}))).ok).toBe(false); // no key
    await must(tc.call('key.set', { key: 'sk-wrong' }));
    expect((await must(tc.call('connection.test', {}))).ok).toBe(false);
    expect((await settings()).welcomeDone).toBe(false);
    await must(tc.call('key.set', { key: standin.apiKey }));
    expect((await must(tc.call('connection.test', {}))).ok).toBe(true);
    expect((await settings()).welcomeDone).toBe(true);
    await restart();
    expect((await settings()).welcomeDone).toBe(true);
  });

  it('is over once a reply completes (a key from the environment, never tested); a failed reply does not end it', async () => {
    await tc.close();
    tc = await firstRun({ envKey: standin.apiKey });
    standin.setScenario({ http500: true });
    expect((await tc.send({ text: 'Hello?' })).outcome.status).toBe('failed');
    expect((await settings()).welcomeDone).toBe(false);
    standin.setScenario({ http500: false });
    expect((await tc.send({ text: 'Hello again?' })).outcome.status).toBe('complete');
    expect((await settings()).welcomeDone).toBe(true);
  });

  it('can be skipped (settings.update), which is kept like any setting', async () => {
    expect((await must(tc.call('settings.update', { welcomeDone: true }))).welcomeDone).toBe(true);
    await restart();
    expect((await settings()).welcomeDone).toBe(true);
  });
});

describe('the theme', () => {
  it('is kept when chosen, and anything but system, light or dark is refused with the setting unchanged', async () => {
    expect((await must(tc.call('settings.update', { theme: 'dark' }))).theme).toBe('dark');
    await restart();
    expect((await settings()).theme).toBe('dark');
    const bad = await refused(tc.call('settings.update', { theme: 'blue' as never }));
    expect(bad.kind).toBe('invalid_input');
    expect(bad.message).toMatch(/theme/);
    expect((await settings()).theme).toBe('dark');
  });
});
