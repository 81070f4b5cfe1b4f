// When a spoken reply's audio reached the player, and whether it came in time to play without a gap.
//
// The player counts an underrun when its buffer ran dry and more audio came after: a gap the listener
// hears. On a quiet machine the stand-in's real-time stream arrives well ahead of need (the player's jitter
// buffer starts once what it holds covers the longest wait between chunks, with a margin), so a gap means
// the player is at fault. On a machine busy with other work the stream itself can arrive late — the stand-in
// or the core held up for longer than the buffer covers — and a gap then is the machine's, not the player's.
// So the tests ask for zero underruns whenever every chunk reached the worklet in time, and otherwise for what must hold
// anyway: every sample played, in order.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A chunk that reached the worklet at least this long before its samples were due counts as in time. */
const MARGIN_MS = 50;

/** Whether audio that arrived this late (the player's worstLateMs) still leaves the player no excuse for a gap. */
export const inTime = (worstLateMs: number): boolean => worstLateMs <= -MARGIN_MS;

/**
 * The reply played gaplessly: no underrun, when its audio came in time (see above); in any case every
 * one of the `samples` played. Since issue 20 a reply's samples go on the audio channel straight into the
 * worklet, where no page script can watch them: the player itself says what reached it and how late the
 * latest chunk was against when its first sample was due (data-received-samples, data-worst-late-ms).
 */
export async function expectGapless(_page: Page, reply: Locator, samples: number): Promise<void> {
  expect(Number(await reply.getAttribute('data-received-samples')), 'the audio that reached the player').toBe(samples);
  expect(Number(await reply.getAttribute('data-played-samples')), 'samples played').toBe(samples);
  const underruns = Number(await reply.getAttribute('data-underruns'));
  const late = await reply.getAttribute('data-worst-late-ms');
  const worstLateMs = late ? Number(late) : -Infinity;
  if (inTime(worstLateMs)) {
    expect(underruns, `underruns with every chunk in time (the latest ${Math.round(-worstLateMs)} ms early)`).toBe(0);
  } else if (underruns > 0) {
    console.log(`${underruns} underrun(s) not held against the player: its audio reached the worklet up to ${Math.round(worstLateMs)} ms late (a busy machine)`);
  }
}
