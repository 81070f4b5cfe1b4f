// The packaging (electron-builder.config.ts) held to every promise it makes: the installers per OS, the
// app's names, the native parts kept out of app.asar, no rebuild of native modules, the fuses, the deb's
// sandbox set-up, the icons at every size each OS needs. Then the app is really packed, offline: built as
// `npm run build` builds it and packed by electron-builder with a stand-in for Electron's binary (which
// only downloads from GitHub): the layout of app.asar and app.asar.unpacked, the locales kept, and the fuse
// wire electron-builder writes into the binary are all electron-builder's own work. What needs the real
// Electron (the packaged app starting) is test/shell/packaged-app.test.ts, run by the release workflow.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { access, chmod, constants, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Icns } from '@fiahfy/icns';
import { DebugLogger } from 'builder-util';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { UNPACKED } from '../../electron-builder.config';
import { resolveMediaTools, unpackedAsarPath } from '../../electron/core/media/binaries';
import { generateIcons, LINUX_SIZES, MAC_ENTRIES, WINDOWS_SIZES, withMacMargin } from '../../scripts/icons';
import { buildApp, ROOT } from '../support/build-app';

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  name: string; productName: string; desktopName: string; scripts: Record<string, string>; dependencies: Record<string, string>;
};
const targetsOf = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

describe('electron-builder.config.ts', () => {
  it("is valid by electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The schema can fail: a misspelt fuse is refused.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsnode: false } } as never, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app "Omni Desk" with its id and categories, and the window with its desktop entry', () => {
    expect(config.productName).toBe('Omni Desk');
    expect(pkg.productName).toBe('Omni Desk');
    expect(config.appId).toBe('app.omnidesk.desktop');
    expect(config.linux?.category).toBe('Utility');
    expect(config.mac?.category).toBe('public.app-category.productivity');
    expect(config.linux?.executableName).toBe('omni-desk');
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe('omni-desk.desktop');
    expect(config.mac?.extendInfo).toMatchObject({ NSMicrophoneUsageDescription: expect.stringMatching(/record/i) });
  });

  it('makes an AppImage and a deb, a dmg and a zip per architecture, and an NSIS installer', () => {
    expect(targetsOf(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac?.target)).toEqual(['dmg', 'zip']);
    expect(targetsOf(config.win?.target)).toEqual(['nsis']);
    // No "universal" macOS build and no fixed arch list: each runner builds its own architecture, because
    // ffmpeg-static and @ffprobe-installer fetch only the host's binary.
    expect(JSON.stringify(config.mac?.target)).not.toMatch(/arch/);
    expect(JSON.stringify(config)).not.toMatch(/universal/i);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it("keeps better-sqlite3's addon, ffmpeg-static and the ffprobe binary out of app.asar", () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(UNPACKED);
    expect(UNPACKED).toEqual(['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/ffmpeg-static/**', '**/node_modules/@ffprobe-installer/**']);
    for (const dep of ['better-sqlite3', 'ffmpeg-static', '@ffprobe-installer/ffprobe']) expect(pkg.dependencies).toHaveProperty(dep);
  });

  it('does not rebuild native modules: better-sqlite3 13 is Node-API with prebuilt addons for every release target', async () => {
    expect(config.npmRebuild).toBe(false);
    const dir = join(ROOT, 'node_modules/better-sqlite3');
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string; gypfile?: boolean };
    expect(manifest.version).toMatch(/^13\./);
    expect(manifest.gypfile).toBe(false);
    expect(await readFile(join(dir, 'binding.gyp'), 'utf8')).toMatch(/NAPI_VERSION=\d+/);
    const prebuilds = await readdir(join(dir, 'prebuilds'));
    for (const target of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) expect(prebuilds).toContain(`${target}.node`);
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookies encrypted; only app.asar, its integrity checked', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it("sets up the deb's chrome-sandbox helper in a post-install script electron-builder can fill in", async () => {
    const script = await readFile(join(ROOT, config.deb!.afterInstall!), 'utf8');
    // electron-builder replaces ${name} macros and refuses unknown ones.
    const macros = new Set([...script.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
    expect([...macros].sort()).toEqual(['executable', 'sanitizedProductName']);
    const filled = script.replace(/\$\{executable\}/g, 'omni-desk').replace(/\$\{sanitizedProductName\}/g, 'Omni Desk');
    expect(filled).toContain("chmod 4755 '/opt/Omni Desk/chrome-sandbox'");
    expect(filled).toContain("chown root:root '/opt/Omni Desk/chrome-sandbox'");
    expect(filled).toContain('apparmor_parser');
    const dir = await mkdtemp(join(tmpdir(), 'omni-postinst-'));
    try {
      await writeFile(join(dir, 'postinst'), filled);
      const r = spawnSync('bash', ['-n', join(dir, 'postinst')], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has `npm run dist` and dist:linux, dist:mac, dist:win, which publish nothing unless told to', async () => {
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(pkg.scripts['dist:linux']).toBe('node scripts/dist.mjs --linux');
    expect(pkg.scripts['dist:mac']).toBe('node scripts/dist.mjs --mac');
    expect(pkg.scripts['dist:win']).toBe('node scripts/dist.mjs --win');
    const dist = await readFile(join(ROOT, 'scripts/dist.mjs'), 'utf8');
    expect(dist).toContain("'-c', 'electron-builder.config.ts'");
    expect(dist).toContain("['--publish', 'never']");
    expect(config.publish).toMatchObject({ provider: 'github' });
  });
});

/** Width and height from a PNG's IHDR. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the icons', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omni-icons-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('are drawn from resources/icon.svg, the mark the window shows', async () => {
    const html = await readFile(join(ROOT, 'renderer/index.html'), 'utf8');
    expect(html).toContain('href="../resources/icon.svg"');
    for (const [css, rule] of [['renderer/styles/sidebar.css', '.brand-mark'], ['renderer/styles/conversation.css', '.welcome-mark']] as const) {
      const text = await readFile(join(ROOT, css), 'utf8');
      const block = text.slice(text.indexOf(`${rule} {`), text.indexOf('}', text.indexOf(`${rule} {`)));
      expect(block, `${css} ${rule}`).toContain("url('../../resources/icon.svg')");
    }
    // Where electron-builder looks is where scripts/icons.ts writes (`npm run icons` → build/).
    expect(config.directories?.buildResources).toBe('build');
    expect(config.linux?.icon).toBe('build/icons');
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(config.mac?.icon).toBe('build/icon.icns');
  });

  it('come at every size each OS needs: the Linux PNG set, the .ico, the .icns', async () => {
    const files = await generateIcons(dir);
    expect(files).toEqual({ linuxDir: join(dir, 'icons'), ico: join(dir, 'icon.ico'), icns: join(dir, 'icon.icns') });

    // Linux: NxN.png, the names electron-builder reads the sizes from.
    expect((await readdir(files.linuxDir)).sort()).toEqual(LINUX_SIZES.map((n) => `${n}x${n}.png`).sort());
    for (const n of LINUX_SIZES) expect(pngSize(await readFile(join(files.linuxDir, `${n}x${n}.png`)))).toEqual([n, n]);
    expect(Math.max(...LINUX_SIZES)).toBeGreaterThanOrEqual(512);

    // Windows: the ICO directory (6-byte header, 16 bytes an entry; 0 means 256), and each entry's bitmap.
    const ico = await readFile(files.ico);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const e = 6 + 16 * i;
      const offset = ico.readUInt32LE(e + 12);
      return { size: ico[e] || 256, bytes: ico.readUInt32LE(e + 8), bitmapWidth: ico.readInt32LE(offset + 4) };
    });
    expect(entries.map((e) => e.size)).toEqual([...WINDOWS_SIZES]);
    for (const e of entries) expect(e.bitmapWidth).toBe(e.size);
    // electron-builder refuses an .ico whose largest image is under 256 px.
    expect(Math.max(...entries.map((e) => e.size))).toBe(256);

    // macOS: every ICNS entry a PNG of its type's size, up to 1024 (512@2x).
    const icns = Icns.from(await readFile(files.icns));
    expect(icns.images.map((i) => i.osType)).toEqual(MAC_ENTRIES.map((e) => e.type));
    for (const [i, image] of icns.images.entries()) expect(pngSize(image.image)).toEqual([MAC_ENTRIES[i]!.size, MAC_ENTRIES[i]!.size]);
  });

  it("draws the macOS icon on Apple's grid: the square 824 of 1024 pixels, centred", () => {
    const box = withMacMargin('<svg viewBox="0 0 32 32">').match(/viewBox="([^"]+)"/)![1]!.split(' ').map(Number);
    const [x, , w] = box as [number, number, number, number];
    // resources/icon.svg's square runs from 2 to 30 of its 32 units.
    expect(((2 - x) / w) * 1024).toBeCloseTo(100, 1);
    expect(((30 - x) / w) * 1024).toBeCloseTo(924, 1);
  });
});

// ---- an offline pack

/**
 * Electron's binary as far as packing needs it: a file with the fuse wire where Electron keeps it (the
 * sentinel, the wire's version and length, one byte a fuse) set to Electron's defaults (RunAsNode on,
 * cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-ASAR off, the V8
 * snapshot off, file:// privileges on, WASM trap handlers off), beside the files electron-builder copies.
 */
async function standInElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from('#!/bin/sh\necho "a stand-in for Electron"\nexit 1\n# '), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100010'), Buffer.from('\n')]);
  await writeFile(join(dir, 'electron'), wire);
  await chmod(join(dir, 'electron'), 0o755);
  for (const f of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html', 'locales/en-US.pak', 'locales/zh-CN.pak', 'locales/fr.pak', 'locales/de.pak']) await writeFile(join(dir, f), '');
}

/**
 * The production dependencies, as `npm ls --omit=dev` lists them, hard-linked into `project`/node_modules.
 * (A symlink to the whole node_modules would not do: npm then sees every package as a link from outside
 * the project and electron-builder, reading `npm ls`, leaves some out.)
 */
function linkProductionDependencies(project: string): void {
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const top = join(ROOT, 'node_modules') + sep;
  const dirs = ls.stdout.split('\n').filter((p) => p.startsWith(top)).sort((a, b) => a.length - b.length);
  expect(dirs.length, ls.stderr).toBeGreaterThan(5);
  const linked: string[] = [];
  for (const dir of dirs) {
    if (linked.some((d) => dir.startsWith(d + sep))) continue; // inside a package already linked whole
    const to = join(project, relative(ROOT, dir));
    mkdirSync(dirname(to), { recursive: true });
    const cp = spawnSync('cp', ['-al', dir, to], { encoding: 'utf8' });
    expect(cp.status, cp.stderr).toBe(0);
    linked.push(dir);
  }
}

const packNote = process.platform === 'linux' ? null : 'the offline pack uses a Linux stand-in for Electron; on this OS the release workflow packs the real one';
if (packNote) console.log(`packaging: offline pack skipped: ${packNote}`);

describe.skipIf(packNote !== null)(`an offline pack of the built app${packNote ? ` — skipped: ${packNote}` : ''}`, () => {
  let tmp: string;
  let resources: string;
  let asar: string;
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'omni-pack-'));
    // A project of its own (so the pack reads no out/ of another test): package.json, the production
    // dependencies as installed (hard links: the same files, no copying of ffprobe's 79 MB), a fresh build.
    const project = join(tmp, 'project');
    await mkdir(join(project, 'node_modules'), { recursive: true });
    await copyFile(join(ROOT, 'package.json'), join(project, 'package.json'));
    linkProductionDependencies(project);
    await buildApp(join(project, 'out'));
    await standInElectron(join(tmp, 'electron'));
    const electronVersion = (JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', arch === 'arm64' ? Arch.arm64 : Arch.x64),
      publish: 'never',
      config: { ...config, electronVersion, electronDist: join(tmp, 'electron'), directories: { ...config.directories, output: join(tmp, 'dist') } },
    });
    resources = join(tmp, 'dist', arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked', 'resources');
    asar = join(resources, 'app.asar');
  }, 120_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('puts the built app into app.asar: main, preload, renderer, package.json; not the browser shell, no source maps', () => {
    const files = listPackage(asar, { isPack: false });
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/out/renderer/pcm-player.worklet.js']) expect(files).toContain(f);
    expect(files).not.toContain('/out/main/serve.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('unpacks the native parts beside it, for this OS and architecture only', async () => {
    const unpacked = `${asar}.unpacked`;
    const prebuilds = await readdir(join(unpacked, 'node_modules/better-sqlite3/prebuilds'));
    expect(prebuilds).toEqual([`linux-${arch}.node`]);
    await access(join(unpacked, `node_modules/@ffprobe-installer/linux-${arch}/ffprobe`), constants.X_OK);
    await access(join(unpacked, 'node_modules/ffmpeg-static/index.js'));
    // Every native file of the whole pack is a real file beside the archive (asar marks it `unpacked`).
    const isFile = (f: string) => 'size' in (statFile(asar, f.slice(1), false) as object);
    const natives = listPackage(asar, { isPack: false }).filter((f) => /\.node$|\/ffprobe$|\/ffmpeg$/.test(f) && isFile(f));
    expect(natives.length).toBeGreaterThanOrEqual(2);
    for (const f of natives) expect((statFile(asar, f.slice(1), false) as { unpacked?: boolean }).unpacked, f).toBe(true);
    // Nothing else native is packed (npmRebuild: false holds): better-sqlite3's addon is the only .node file.
    expect(natives.filter((f) => f.endsWith('.node'))).toEqual([`/node_modules/better-sqlite3/prebuilds/linux-${arch}.node`]);
  });

  it('lets the media code find ffprobe (and ffmpeg, once fetched) in app.asar.unpacked', () => {
    // What the packages report from inside the archive, as require() answers in the packaged app.
    const inAsar = (p: string) => posix.join(asar, 'node_modules', p);
    const tools = resolveMediaTools({
      env: {},
      requireModule: (id) => (id === 'ffmpeg-static' ? inAsar('ffmpeg-static/ffmpeg') : { path: inAsar(`@ffprobe-installer/linux-${arch}/ffprobe`) }),
    });
    expect(tools.ffprobe).toBe(unpackedAsarPath(inAsar(`@ffprobe-installer/linux-${arch}/ffprobe`)));
    expect(tools.ffprobeSource).toBe('package');
    // ffmpeg-static's binary is fetched by the release workflow (then it is packed and found like ffprobe);
    // where it was not, PATH's ffmpeg is used.
    if (existsSync(join(ROOT, 'node_modules/ffmpeg-static/ffmpeg'))) {
      expect(tools).toMatchObject({ ffmpeg: unpackedAsarPath(inAsar('ffmpeg-static/ffmpeg')), ffmpegSource: 'package' });
    } else {
      expect(tools.ffmpegSource).toBe('path');
    }
  });

  it("writes the configured fuses into the Electron binary and keeps Chromium's en-US and zh-CN strings only", async () => {
    const wire = await getCurrentFuseWire(join(resources, '..', 'omni-desk'));
    const on = (o: FuseV1Options) => String.fromCharCode(wire[o] as number);
    expect({
      runAsNode: on(FuseV1Options.RunAsNode),
      cookieEncryption: on(FuseV1Options.EnableCookieEncryption),
      nodeOptions: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspect: on(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
      fileProtocol: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({ runAsNode: '0', cookieEncryption: '1', nodeOptions: '0', inspect: '0', asarIntegrity: '1', onlyAsar: '1', fileProtocol: '0' });
    expect((await readdir(join(resources, '..', 'locales'))).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  });
});
