// Chromium's sandbox on Linux with AppArmor's user-namespace restriction (Ubuntu 23.10+): `npm start`
// notices an unset helper and prints the two standard remedies (scripts/linux-sandbox.mjs), and the .deb's
// post-install script (build/linux/deb-after-install.tpl, for issue 18's electron-builder config) makes the
// helper setuid root. The script is rendered as electron-builder renders it and run against a scratch
// root: its /opt and /usr/bin moved under a temporary folder, only the tools it needs on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** scripts/linux-sandbox.mjs is plain JavaScript (npm start runs it before any build): its two functions, typed here. */
const { sandboxAdvice, sandboxHelperProblem } = (await import('../../scripts/linux-sandbox.mjs' as string)) as {
  sandboxHelperProblem(binary: string, o: { platform: string; restriction: string }): string | null;
  sandboxAdvice(helper: string): string;
};

const root = join(__dirname, '../..');
const asRoot = process.getuid?.() === 0;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'omni-sandbox-'));
  dirs.push(d);
  return d;
}

/** An Electron dist folder with a chrome-sandbox of `mode`, and the restriction setting as `restricted`. */
async function machine(restricted: '0' | '1' | null, mode: number | null) {
  const d = await scratch();
  mkdirSync(join(d, 'dist'));
  writeFileSync(join(d, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  if (mode !== null) {
    writeFileSync(join(d, 'dist', 'chrome-sandbox'), '');
    chmodSync(join(d, 'dist', 'chrome-sandbox'), mode);
  }
  if (restricted !== null) writeFileSync(join(d, 'restrict'), `${restricted}\n`);
  return { binary: join(d, 'dist', 'electron'), helper: join(d, 'dist', 'chrome-sandbox'), restriction: join(d, 'restrict') };
}

describe('npm start on Linux with restricted user namespaces', () => {
  it('finds an unset sandbox helper only where the restriction is on', async () => {
    const unset = await machine('1', 0o755);
    expect(sandboxHelperProblem(unset.binary, { platform: 'linux', restriction: unset.restriction })).toBe(unset.helper);
    const missing = await machine('1', null);
    expect(sandboxHelperProblem(missing.binary, { platform: 'linux', restriction: missing.restriction })).toBe(missing.helper);
    const open = await machine('0', 0o755);
    expect(sandboxHelperProblem(open.binary, { platform: 'linux', restriction: open.restriction })).toBeNull();
    const noSetting = await machine(null, 0o755);
    expect(sandboxHelperProblem(noSetting.binary, { platform: 'linux', restriction: noSetting.restriction })).toBeNull();
    expect(sandboxHelperProblem(unset.binary, { platform: 'darwin', restriction: unset.restriction })).toBeNull();
  });

  it.skipIf(!asRoot)('is satisfied once the helper is root-owned and setuid (remedy 1 done)', async () => {
    const done = await machine('1', 0o4755);
    expect(statSync(done.helper).uid).toBe(0);
    expect(sandboxHelperProblem(done.binary, { platform: 'linux', restriction: done.restriction })).toBeNull();
  });

  it('prints both remedies with the real path, quoted for the shell', () => {
    const advice = sandboxAdvice("/home/me/my app's/node_modules/electron/dist/chrome-sandbox");
    expect(advice).toContain("sudo chown root:root '/home/me/my app'\\''s/node_modules/electron/dist/chrome-sandbox' && sudo chmod 4755 '/home/me/my app'\\''s/node_modules/electron/dist/chrome-sandbox'");
    expect(advice).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
    expect(advice).toMatch(/Ubuntu 23\.10 and later/);
    // The quoted command is what a shell reads back as the path.
    const cmd = advice.split('\n').find((l) => l.includes('sudo chown'))!.trim().replace(/^sudo chown root:root /, '').split(' && ')[0]!;
    expect(execFileSync('bash', ['-c', `printf %s ${cmd}`]).toString()).toBe("/home/me/my app's/node_modules/electron/dist/chrome-sandbox");
  });
});

describe("the .deb's post-install script", () => {
  const template = readFileSync(join(root, 'build/linux/deb-after-install.tpl'), 'utf8');
  /** As electron-builder renders it (FpmTarget: ${name} placeholders), with the install moved under `prefix`. */
  const render = (prefix: string) =>
    template.replace(/\$\{executable\}/g, 'omni-desk').replace(/\$\{sanitizedProductName\}/g, 'Omni Desk')
      .replace(/'\/opt\//g, `'${prefix}/opt/`).replace(/'\/usr\/bin\//g, `'${prefix}/usr/bin/`);

  it('is valid bash that uses only electron-builder\'s variables', () => {
    expect([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort()).toEqual(['executable', 'sanitizedProductName']);
    const r = spawnSync('bash', ['-n'], { input: render('') });
    expect(r.status, r.stderr.toString()).toBe(0);
  });

  it.skipIf(!asRoot)('makes chrome-sandbox root-owned and setuid, and links the command, with or without user namespaces', async () => {
    const prefix = await scratch();
    const app = join(prefix, 'opt', 'Omni Desk');
    mkdirSync(app, { recursive: true });
    mkdirSync(join(prefix, 'usr', 'bin'), { recursive: true });
    writeFileSync(join(app, 'omni-desk'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(app, 'chrome-sandbox'), '', { mode: 0o755 });
    // Only the tools the script needs: no update-alternatives, AppArmor or desktop databases to touch here.
    const bin = join(prefix, 'bin');
    mkdirSync(bin);
    for (const tool of ['ln', 'rm', 'readlink', 'chown', 'chmod', 'cp']) symlinkSync(execFileSync('bash', ['-c', `command -v ${tool}`]).toString().trim(), join(bin, tool));
    writeFileSync(join(prefix, 'postinst'), render(prefix), { mode: 0o755 });
    const r = spawnSync('/bin/bash', [join(prefix, 'postinst')], { env: { PATH: bin } });
    expect(r.status, r.stderr.toString()).toBe(0);
    const helper = statSync(join(app, 'chrome-sandbox'));
    expect(helper.uid).toBe(0);
    expect(helper.mode & 0o7777).toBe(0o4755);
    expect(lstatSync(join(prefix, 'usr', 'bin', 'omni-desk')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(prefix, 'usr', 'bin', 'omni-desk'))).toBe(join(app, 'omni-desk'));
  });
});
