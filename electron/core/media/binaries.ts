// The one place that decides which ffmpeg and ffprobe run. Order: an explicit environment variable,
// then the binary an npm package ships, then whatever is on PATH. In a packaged app the packages live
// inside app.asar, which the OS cannot execute from: the real files are in app.asar.unpacked.
// fluent-ffmpeg, which the design card named, is archived upstream and is not a dependency: the pipeline
// spawns ffmpeg/ffprobe itself with argument arrays, whitelists, a time limit and an output cap (run.ts).
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  /** Where each path came from, for the log and the about box. */
  ffmpegSource: 'env' | 'package' | 'path';
  ffprobeSource: 'env' | 'package' | 'path';
  /**
   * The system's ffprobe, tried when the packaged one crashes: the static builds @ffprobe-installer ships
   * die with SIGSEGV on any MPEG-TS input on some machines. Null when ffprobe already is the system's.
   */
  ffprobeFallback: string | null;
}

export interface ResolveDeps {
  env?: Record<string, string | undefined>;
  /** Returns what `require(id)` would, or throws; replaceable for packaged-path tests. */
  requireModule?: (id: string) => unknown;
  isFile?: (path: string) => boolean;
  isExecutable?: (path: string) => boolean;
  platform?: NodeJS.Platform;
}

/** `…/app.asar/node_modules/x` → `…/app.asar.unpacked/node_modules/x` (either path separator). */
export function unpackedAsarPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/])/g, '$1app.asar.unpacked$2');
}

const defaultRequire = (id: string): unknown => createRequire(import.meta.url)(id);

function fileExists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function packagePath(load: () => unknown): string | null {
  try {
    const value = load();
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const v = value as { path?: unknown; default?: unknown };
      if (typeof v.path === 'string') return v.path;
      if (typeof v.default === 'string') return v.default;
    }
  } catch {
    // The package throws when its binary is missing (not downloaded, unsupported platform).
  }
  return null;
}

export function resolveMediaTools(deps: ResolveDeps = {}): MediaTools {
  const env = deps.env ?? process.env;
  const req = deps.requireModule ?? defaultRequire;
  const isFile = deps.isFile ?? fileExists;
  const isExec = deps.isExecutable ?? executable;
  const win = (deps.platform ?? process.platform) === 'win32';

  let ffmpeg: string;
  let ffmpegSource: MediaTools['ffmpegSource'];
  const ffmpegPkg = packagePath(() => req('ffmpeg-static'));
  if (env.FFMPEG_BIN) {
    ffmpeg = env.FFMPEG_BIN;
    ffmpegSource = 'env';
  } else if (ffmpegPkg && isFile(unpackedAsarPath(ffmpegPkg))) {
    ffmpeg = unpackedAsarPath(ffmpegPkg);
    ffmpegSource = 'package';
  } else {
    ffmpeg = win ? 'ffmpeg.exe' : 'ffmpeg';
    ffmpegSource = 'path';
  }

  let ffprobe: string;
  let ffprobeSource: MediaTools['ffprobeSource'];
  const ffprobePkg = packagePath(() => req('@ffprobe-installer/ffprobe'));
  if (env.FFPROBE_BIN) {
    ffprobe = env.FFPROBE_BIN;
    ffprobeSource = 'env';
  } else if (ffprobePkg && isFile(unpackedAsarPath(ffprobePkg)) && isExec(unpackedAsarPath(ffprobePkg))) {
    ffprobe = unpackedAsarPath(ffprobePkg);
    ffprobeSource = 'package';
  } else {
    ffprobe = win ? 'ffprobe.exe' : 'ffprobe';
    ffprobeSource = 'path';
  }

  const systemProbe = win ? 'ffprobe.exe' : 'ffprobe';
  return { ffmpeg, ffprobe, ffmpegSource, ffprobeSource, ffprobeFallback: ffprobeSource === 'path' ? null : systemProbe };
}
