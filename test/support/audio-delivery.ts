// When a spoken reply's audio reached the page, and whether it came in time to play without a gap.
//
// The player counts an underrun when its buffer ran dry and more audio came after: a gap the listener
// hears. On a quiet machine the stand-in's real-time stream arrives well ahead of need (the player waits
// for 250 ms of audio before it starts), so a gap means the player is at fault. On a machine busy with
// other work the stream itself can arrive late — the stand-in, the core or the page's main thread held up
// for longer than the buffer covers — and a gap then is the machine's, not the player's. So the tests ask
// for zero underruns whenever every chunk reached the page in time, and otherwise for what must hold
// anyway: every sample played, in order.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The player's start threshold: 250 ms of 24 kHz audio (renderer/player/pcm-player.ts). */
const START_SAMPLES = 6_000;
const RATE = 24_000;
/** A chunk that reached the page at least this long before its samples were due counts as in time. */
const MARGIN_MS = 50;

interface Arrival {
  messageId: string;
  seq: number;
  bytes: number;
  at: number;
}

/**
 * Records, in every page of `target` from its next navigation on, when each audio chunk arrives on the
 * browser shell's WebSocket (a binary frame: uint32 header length, the header's JSON, then the bytes —
 * renderer/bridge/wire.ts), before the app's own listener sees it.
 */
export async function watchAudioDelivery(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    // Runs in the page before its scripts (this file is type-checked without the DOM library).
    const g = globalThis as any;
    const Native = g.WebSocket;
    g.__audioArrivals = [];
    g.WebSocket = class extends Native {
      constructor(...args: unknown[]) {
        super(...args);
        this.addEventListener('message', (e: { data: unknown }) => {
          if (!(e.data instanceof ArrayBuffer)) return;
          const at = g.performance.now();
          try {
            const size = new DataView(e.data).getUint32(0, false);
            const head = JSON.parse(new TextDecoder().decode(new Uint8Array(e.data, 4, size)));
            const p = head.msg?.payload;
            if (head.msg?.event !== 'chat.event' || p?.kind !== 'audio') return;
            const bytes = (head.bin as { path: unknown[]; length: number }[]).reduce((n, b) => n + b.length, 0);
            g.__audioArrivals.push({ messageId: p.messageId, seq: p.seq, bytes, at });
          } catch {
            /* not an audio frame */
          }
        });
      }
    };
  });
}

export interface Delivery {
  chunks: number;
  samples: number;
  /** How late the latest chunk was against when its samples were due (negative: that much early). */
  worstLateMs: number;
}

/**
 * How late the latest of these chunks (in order: samples, and when they reached the player) was against
 * when its first sample was due, the player starting once 250 ms are buffered. Negative: that much early.
 */
export function worstLateness(chunks: readonly { samples: number; at: number }[]): number {
  let samples = 0;
  let startedAt: number | null = null;
  let worst = -Infinity;
  for (const c of chunks) {
    if (startedAt !== null) worst = Math.max(worst, c.at - (startedAt + (samples / RATE) * 1000));
    samples += c.samples;
    // Sound starts once the threshold is buffered; from then on each sample is due at its place in time.
    if (startedAt === null && samples >= START_SAMPLES) startedAt = c.at;
  }
  return worst;
}

/** Whether audio that arrived this late (worstLateness) still leaves the player no excuse for a gap. */
export const inTime = (worstLateMs: number): boolean => worstLateMs <= -MARGIN_MS;

/** How the reply's audio reached `page` (watchAudioDelivery must have been installed before it loaded). */
export async function audioDelivery(page: Page, messageId: string): Promise<Delivery> {
  const all = (await page.evaluate(() => (globalThis as any).__audioArrivals ?? [])) as Arrival[];
  const chunks = all.filter((a) => a.messageId === messageId).sort((a, b) => a.seq - b.seq)
    .map((a) => ({ samples: Math.floor(a.bytes / 2), at: a.at }));
  return { chunks: chunks.length, samples: chunks.reduce((n, c) => n + c.samples, 0), worstLateMs: worstLateness(chunks) };
}

/**
 * The reply played gaplessly: no underrun, when its audio came in time (see above); in any case every
 * one of the `samples` played.
 */
export async function expectGapless(page: Page, reply: Locator, samples: number): Promise<void> {
  const id = (await reply.getAttribute('data-message-id'))!;
  const delivery = await audioDelivery(page, id);
  expect(delivery.samples, 'the audio that reached the page').toBe(samples);
  expect(Number(await reply.getAttribute('data-played-samples')), 'samples played').toBe(samples);
  const underruns = Number(await reply.getAttribute('data-underruns'));
  if (inTime(delivery.worstLateMs)) {
    expect(underruns, `underruns with every chunk in time (the latest ${Math.round(-delivery.worstLateMs)} ms early)`).toBe(0);
  } else if (underruns > 0) {
    console.log(`${underruns} underrun(s) not held against the player: its audio reached the page up to ${Math.round(delivery.worstLateMs)} ms late (a busy machine)`);
  }
}
