// Which ffmpeg/ffprobe run, and how the runner stops them: time limit, output cap, cancellation.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaTools, unpackedAsarPath } from '../../electron/core/media/binaries';
import { fileArg, inputGuard, runTool, ToolError } from '../../electron/core/media/run';
import { tempDir, tools } from './media-helpers';

describe('resolveMediaTools', () => {
  const fakeRequire = (paths: Record<string, unknown>) => (id: string) => {
    if (id in paths) return paths[id];
    throw new Error(`Cannot find module '${id}'`);
  };

  it('prefers FFMPEG_BIN and FFPROBE_BIN', () => {
    const t = resolveMediaTools({
      env: { FFMPEG_BIN: '/opt/ff/ffmpeg', FFPROBE_BIN: '/opt/ff/ffprobe' },
      requireModule: fakeRequire({ 'ffmpeg-static': '/pkg/ffmpeg', '@ffprobe-installer/ffprobe': { path: '/pkg/ffprobe' } }),
      isFile: () => true,
      isExecutable: () => true,
    });
    expect(t).toEqual({ ffmpeg: '/opt/ff/ffmpeg', ffprobe: '/opt/ff/ffprobe', ffmpegSource: 'env', ffprobeSource: 'env', ffprobeFallback: 'ffprobe' });
  });

  it("uses the packages' binaries, unpacked from app.asar, when the files are there", () => {
    const seen: string[] = [];
    const t = resolveMediaTools({
      env: {},
      requireModule: fakeRequire({
        'ffmpeg-static': '/Apps/Omni/resources/app.asar/node_modules/ffmpeg-static/ffmpeg',
        '@ffprobe-installer/ffprobe': { path: 'C:\\Omni\\resources\\app.asar\\node_modules\\@ffprobe-installer\\win32-x64\\ffprobe.exe' },
      }),
      isFile: (p) => (seen.push(p), true),
      isExecutable: () => true,
    });
    expect(t.ffmpeg).toBe('/Apps/Omni/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    expect(t.ffprobe).toBe('C:\\Omni\\resources\\app.asar.unpacked\\node_modules\\@ffprobe-installer\\win32-x64\\ffprobe.exe');
    expect(seen.every((p) => p.includes('app.asar.unpacked'))).toBe(true);
    expect(t.ffprobeFallback).toBe('ffprobe');
  });

  it('falls back to PATH when a package has no binary, or an ffprobe that cannot be executed', () => {
    const t = resolveMediaTools({
      env: {},
      platform: 'linux',
      requireModule: fakeRequire({ 'ffmpeg-static': '/pkg/ffmpeg', '@ffprobe-installer/ffprobe': { path: '/pkg/ffprobe' } }),
      isFile: (p) => p === '/pkg/ffprobe',
      isExecutable: () => false,
    });
    expect(t).toEqual({ ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', ffmpegSource: 'path', ffprobeSource: 'path', ffprobeFallback: null });
    const missing = resolveMediaTools({ env: {}, platform: 'win32', requireModule: fakeRequire({}) });
    expect(missing.ffmpeg).toBe('ffmpeg.exe');
    expect(missing.ffprobe).toBe('ffprobe.exe');
  });

  it('leaves paths outside app.asar alone', () => {
    expect(unpackedAsarPath('/usr/bin/ffmpeg')).toBe('/usr/bin/ffmpeg');
    expect(unpackedAsarPath('/x/app.asar.unpacked/ffmpeg')).toBe('/x/app.asar.unpacked/ffmpeg');
  });

  it('resolves working binaries on this machine', async () => {
    const ff = await runTool(tools.ffmpeg, ['-hide_banner', '-version'], { timeoutMs: 10_000, captureStdout: true });
    expect(ff.stdout).toMatch(/^ffmpeg version/);
    const fp = await runTool(tools.ffprobe, ['-hide_banner', '-version'], { timeoutMs: 10_000, captureStdout: true });
    expect(fp.stdout).toMatch(/^ffprobe version/);
    if (tools.ffprobeSource === 'package') expect(existsSync(tools.ffprobe)).toBe(true);
  });
});

describe('runTool', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ dir, cleanup } = await tempDir('run')));
  afterAll(() => cleanup());

  // An endless source: only the runner's limits can stop it.
  const endless = (out: string) => [
    '-nostdin', '-v', 'error', '-y', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000',
    '-c:a', 'pcm_s16le', '-progress', 'pipe:1', '-nostats', '-f', 'wav', fileArg(out),
  ];

  it('kills a tool that runs past its time limit', async () => {
    const err = await runTool(tools.ffmpeg, endless(join(dir, 't.wav')), { timeoutMs: 700 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).reason).toBe('timeout');
  });

  it('kills a tool whose output grows past the cap', async () => {
    const out = join(dir, 'cap.wav');
    const err = await runTool(tools.ffmpeg, endless(out).filter((a) => a !== '-re'), {
      timeoutMs: 20_000, watchOutput: out, maxOutputBytes: 200_000,
    }).catch((e: unknown) => e);
    expect((err as ToolError).reason).toBe('output_cap');
  });

  it('reports progress and stops on abort', async () => {
    const ac = new AbortController();
    const seen: number[] = [];
    const err = await runTool(tools.ffmpeg, endless(join(dir, 'a.wav')), {
      timeoutMs: 20_000,
      signal: ac.signal,
      onOutTime: (t) => {
        seen.push(t);
        if (t >= 1) ac.abort();
      },
    }).catch((e: unknown) => e);
    expect((err as ToolError).reason).toBe('aborted');
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBeGreaterThanOrEqual(1);
  });

  it('tells a crash (killed by a signal) from a failure', async () => {
    const crasher = join(dir, 'crash.sh');
    await writeFile(crasher, '#!/bin/sh\nkill -SEGV $$\n', { mode: 0o755 });
    const err = await runTool(crasher, [], { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect((err as ToolError).reason).toBe('crash');
    expect((err as ToolError).message).toContain('SIGSEGV');
  });

  it('says when the binary is missing, and when the tool fails', async () => {
    const missing = await runTool('/nonexistent/ffmpeg', ['-version'], { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect((missing as ToolError).reason).toBe('spawn');
    const failed = await runTool(tools.ffmpeg, ['-v', 'error', ...inputGuard(['wav']), '-i', fileArg(join(dir, 'nope.wav')), '-f', 'null', '-'], {
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect((failed as ToolError).reason).toBe('exit');
    expect((failed as ToolError).stderr).toMatch(/No such file or directory/);
  });
});
