// The adaptive jitter buffer's policy (resources/public/jitter-buffer.js, the file the worklet imports),
// fed arrival times: when it lets sound start, how it grows after an underrun, and what it reports.
// The same buffer in the worklet with real timing is in audio-channel.test.ts.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS served to the AudioWorklet as it is; no types
import { JitterBuffer } from '../../resources/public/jitter-buffer.js';

const RATE = 24_000;
const CHUNK = 2_400; // 100 ms

describe('the adaptive jitter buffer', () => {
  it('waits with one small chunk, and starts once a second one at real-time pace shows the gap is covered', () => {
    const j = new JitterBuffer(RATE);
    j.arrived(CHUNK, 0);
    expect(j.ready(CHUNK)).toBe(false); // 100 ms, no pace yet: could run dry before the next chunk
    j.arrived(CHUNK, 100);
    // 200 ms buffered covers the 100 ms gap plus the 70 ms margin: less than the old fixed 250 ms.
    expect(j.ready(2 * CHUNK)).toBe(true);
    expect(j.report()).toMatchObject({ targetMs: 170, gapMs: 100, pace: 1, grows: 0 });
  });

  it('starts at once on a burst faster than real time, once it holds a chunk beyond the margin', () => {
    const j = new JitterBuffer(RATE);
    j.arrived(CHUNK, 0);
    j.arrived(CHUNK, 2);
    expect(j.ready(2 * CHUNK)).toBe(true);
    // The wait to expect is never below a chunk's own length: chunks that came bunched may be followed by a gap.
    expect(j.report()).toMatchObject({ targetMs: 170, gapMs: 100 });
  });

  it('starts on one big chunk alone (a stored reply), not on a small one', () => {
    const j = new JitterBuffer(RATE);
    j.arrived(RATE, 0);
    expect(j.ready(RATE)).toBe(true);
    const k = new JitterBuffer(RATE);
    k.arrived(CHUNK, 0);
    expect(k.ready(CHUNK)).toBe(false);
  });

  it('asks for more when the stream comes slower than real time, and more again at 2×', () => {
    const j = new JitterBuffer(RATE);
    for (let i = 0; i < 5; i++) j.arrived(CHUNK, i * 200); // 100 ms of audio every 200 ms: half real time
    const at1 = j.targetSamples(1);
    expect(at1).toBeGreaterThan(((200 + 70) * RATE) / 1000); // the gap, the margin, and the shortfall
    expect(j.targetSamples(2)).toBeGreaterThan(at1);
  });

  it('grows its margin after each underrun, up to a second, and says so', () => {
    const j = new JitterBuffer(RATE);
    j.arrived(CHUNK, 0);
    j.arrived(CHUNK, 100);
    const before = j.targetSamples();
    j.underrun();
    expect(j.targetSamples()).toBeGreaterThan(before);
    for (let i = 0; i < 10; i++) j.underrun();
    expect(j.report()).toMatchObject({ safetyMs: 1000, grows: 11 });
  });

  it('with a fixed threshold (the old policy) starts at it and doubles it after an underrun', () => {
    const j = new JitterBuffer(RATE, { fixedSamples: 6_000 });
    j.arrived(CHUNK, 0);
    j.arrived(CHUNK, 1);
    expect(j.ready(5_999)).toBe(false);
    expect(j.ready(6_000)).toBe(true);
    j.underrun();
    expect(j.targetSamples()).toBe(12_000);
  });
});

describe('the jitter buffer across the streams of one page', () => {
  it('starts the next stream with the margin the last one grew to, and gives it back after streams without underruns', () => {
    const memory = { safetyMs: null as number | null };
    const first = new JitterBuffer(RATE, { memory });
    first.arrived(CHUNK, 0);
    first.arrived(CHUNK, 100);
    first.underrun();
    first.underrun();
    first.finished();
    expect(memory.safetyMs).toBe(280);
    const second = new JitterBuffer(RATE, { memory });
    second.arrived(CHUNK, 0);
    second.arrived(CHUNK, 100);
    expect(second.targetSamples()).toBe(((100 + 280) * RATE) / 1000);
    second.finished(); // no underrun: half the added margin goes
    expect(memory.safetyMs).toBe(70 + 105);
    for (let i = 0; i < 6; i++) new JitterBuffer(RATE, { memory }).finished();
    expect(memory.safetyMs).toBeNull();
    expect(new JitterBuffer(RATE, { memory }).report().safetyMs).toBe(70);
  });
});
