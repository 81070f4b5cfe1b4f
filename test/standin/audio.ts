// Real reply audio for the stand-in: PCM16LE, mono, 24 kHz, exactly what DashScope streams. Either a
// pleasant sequence of gliding sine notes (default, deterministic, no tools needed) or real speech of the
// reply text through espeak-ng, so playback, saving and any speech check run on real samples.
import { spawn } from 'node:child_process';

export const SAMPLE_RATE = 24_000;

/** A-minor pentatonic, so any sequence sounds calm. */
const SCALE = [220, 261.63, 293.66, 329.63, 392, 440, 523.25, 587.33];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Notes of 0.3 s that glide into each other, with fades at both ends so nothing clicks. */
export function toneSequence(seconds: number, seed = ''): Uint8Array {
  const samples = Math.max(0, Math.round(seconds * SAMPLE_RATE));
  const out = Buffer.alloc(samples * 2);
  const noteLen = Math.round(0.3 * SAMPLE_RATE);
  const glideLen = Math.round(0.06 * SAMPLE_RATE);
  const fade = Math.min(Math.round(0.02 * SAMPLE_RATE), Math.floor(samples / 2));
  let state = hash(seed) || 1;
  const nextNote = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return SCALE[(state >>> 16) % SCALE.length]!;
  };
  let from = nextNote();
  let to = from;
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const inNote = i % noteLen;
    if (inNote === 0 && i > 0) {
      from = to;
      to = nextNote();
    }
    const g = Math.min(1, inNote / glideLen);
    const f = i < noteLen ? to : from + (to - from) * (g * g * (3 - 2 * g));
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
    if (phase > 2 * Math.PI) phase -= 2 * Math.PI;
    let amp = 0.22;
    if (i < fade) amp *= i / fade;
    if (i >= samples - fade) amp *= (samples - 1 - i) / fade;
    const v = amp * (Math.sin(phase) + 0.25 * Math.sin(2 * phase)) / 1.25;
    out.writeInt16LE(Math.round(v * 32767), i * 2);
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Runs `cmd` with `input` on its stdin; its stdout, or an error with the start of its stderr. */
export function run(cmd: string, args: string[], input: Uint8Array | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(err).toString().slice(0, 300)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const speechCache = new Map<string, Promise<Uint8Array | null>>();

/**
 * Speech of `text` as 24 kHz mono s16le, or null when espeak-ng (or both sox and ffmpeg) is missing.
 * The text goes through stdin, never the command line, so no reply text can pass as an option.
 */
export function speech(text: string, voice = 'en'): Promise<Uint8Array | null> {
  const key = `${voice}\u0000${text}`;
  let p = speechCache.get(key);
  if (!p) {
    p = synthesize(text, voice).catch(() => null);
    speechCache.set(key, p);
  }
  return p;
}

async function synthesize(text: string, voice: string): Promise<Uint8Array | null> {
  const wav = await run('espeak-ng', ['--stdout', '--stdin', '-v', voice, '-s', '165'], text);
  let pcm: Buffer;
  try {
    pcm = await run('sox', ['-t', 'wav', '-', '-t', 'raw', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-L', '-'], wav);
  } catch {
    pcm = await run('ffmpeg', ['-v', 'error', '-f', 'wav', '-i', 'pipe:0', '-f', 's16le', '-ac', '1', '-ar', String(SAMPLE_RATE), 'pipe:1'], wav);
  }
  const even = pcm.subarray(0, pcm.length - (pcm.length % 2));
  return even.length > 0 ? new Uint8Array(even) : null;
}
