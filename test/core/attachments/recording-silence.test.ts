// Hands-free's rule for when a spoken question is over (renderer/recorder/silence.ts): speech first, then
// a pause as long as the setting asks. Levels in dBFS at the 100 ms ticks the recorder reads them.
import { describe, expect, it } from 'vitest';
import { meterValue, rmsDb, SilenceDetector } from '../../../renderer/recorder/silence';

/** Feeds `db` for `ms` at 100 ms steps from `from`; returns the last verdict and the time reached. */
function hold(d: SilenceDetector, db: number, from: number, ms: number) {
  let verdict = d.feed(db, from);
  for (let t = from + 100; t <= from + ms; t += 100) verdict = d.feed(db, t);
  return { verdict, at: from + ms };
}

describe('SilenceDetector', () => {
  it('waits through silence before anyone speaks, however long', () => {
    const d = new SilenceDetector({ silenceMs: 1500 });
    expect(hold(d, -Infinity, 0, 60_000).verdict).toBe('waiting');
    expect(d.heardSpeech).toBe(false);
  });

  it('ends the question after speech and then the configured pause, not before', () => {
    const d = new SilenceDetector({ silenceMs: 1500 });
    let r = hold(d, -20, 0, 2000);
    expect(r.verdict).toBe('speaking');
    r = hold(d, -80, r.at + 100, 1300);
    expect(r.verdict).toBe('speaking');
    r = hold(d, -80, r.at + 100, 200);
    expect(r.verdict).toBe('done');
  });

  it('a pause shorter than the setting (between words) does not end it', () => {
    const d = new SilenceDetector({ silenceMs: 2500 });
    let r = hold(d, -25, 0, 1000);
    r = hold(d, -70, r.at + 100, 2000);
    r = hold(d, -25, r.at + 100, 1000);
    expect(r.verdict).toBe('speaking');
    r = hold(d, -70, r.at + 100, 2400);
    expect(r.verdict).toBe('speaking');
    expect(hold(d, -70, r.at + 100, 100).verdict).toBe('done');
  });

  it('a click or a cough shorter than the minimum speech is not a question', () => {
    const d = new SilenceDetector({ silenceMs: 1000, minSpeechMs: 300 });
    let r = hold(d, -15, 0, 200);
    r = hold(d, -90, r.at + 100, 5000);
    expect(r.verdict).toBe('waiting');
  });

  it('a level between quiet and speech neither counts as speech nor as a pause', () => {
    const d = new SilenceDetector({ silenceMs: 1000 });
    let r = hold(d, -20, 0, 1000);
    r = hold(d, -48, r.at + 100, 5000);
    expect(r.verdict).toBe('speaking');
  });
});

describe('levels', () => {
  it('rmsDb: full-scale square is 0 dBFS, half amplitude about -6, silence -Infinity', () => {
    expect(rmsDb(new Float32Array(512).fill(1))).toBeCloseTo(0, 5);
    expect(rmsDb(new Float32Array(512).fill(0.5))).toBeCloseTo(-6.02, 1);
    expect(rmsDb(new Float32Array(512))).toBe(-Infinity);
  });

  it('meterValue maps -60..0 dBFS onto 0..1', () => {
    expect([meterValue(-Infinity), meterValue(-90), meterValue(-30), meterValue(0), meterValue(6)]).toEqual([0, 0, 0.5, 1, 1]);
  });
});
