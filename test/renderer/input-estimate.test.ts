// The composer's estimate (renderer/composer/input-estimate.ts): the history leans on the server's own count
// of the newest reply's prompt, and only what came after it is estimated; the draft's attachments count by
// what their prepared media measure.
import { describe, expect, it } from 'vitest';
import { composerEstimate, draftEstimate, historyEstimate } from '../../renderer/composer/input-estimate';
import { AttachmentView, type Message, type Usage } from '../../shared/domain';
import { MESSAGE_OVERHEAD_TOKENS } from '../../shared/estimate';

let n = 0;
const msg = (role: 'user' | 'assistant', text: string, usage: Usage | null = null): Message => ({
  id: `m${++n}`, conversationId: 'c', role, text, reasoning: '', status: 'complete', usage, error: null, model: null,
  voice: null, audio: null, attachments: [], createdAt: 0, updatedAt: 0,
});
const usage = (prompt: number): Usage => ({ promptTokens: prompt, completionTokens: 10, totalTokens: prompt + 10, promptDetails: {}, completionDetails: {} });

describe('the composer estimate', () => {
  it("history: the newest reply's prompt tokens, plus its text and anything after it", () => {
    const history = [msg('user', 'a'.repeat(400)), msg('assistant', 'b'.repeat(40), usage(9_000))];
    // 9,000 from the server + the reply's 10 tokens of text + overhead.
    expect(historyEstimate(history, 'qwen3-omni-flash')).toBe(9_000 + 10 + MESSAGE_OVERHEAD_TOKENS);
    // A failed reply after it (no usage) adds its question and any text that arrived.
    const more = [...history, msg('user', 'c'.repeat(4_000)), msg('assistant', '')];
    expect(historyEstimate(more, 'qwen3-omni-flash')).toBe(9_000 + 14 + 1_000 + MESSAGE_OVERHEAD_TOKENS);
  });

  it('without any usage yet, every turn is estimated from its text', () => {
    expect(historyEstimate([msg('user', '你好'.repeat(50)), msg('assistant', '')], 'qwen3-omni-flash')).toBe(100 + MESSAGE_OVERHEAD_TOKENS);
  });

  it("the draft's attachments count by their measure: 20 minutes of audio fits Flash, 22 do not", () => {
    const view = (minutes: number): AttachmentView => AttachmentView.parse({
      id: `a${minutes}`, name: 'talk.mp3', state: 'ready', progress: 1, found: null, plan: null, choices: [], videoMode: null,
      windowStartSec: null, maxStartSec: null, error: null,
      measure: { sendAs: 'audio', durationSec: minutes * 60, width: null, height: null, count: 1 },
    });
    expect(draftEstimate('Summarise.', [view(20)], 'qwen3-omni-flash')).toBeLessThanOrEqual(16_384);
    expect(draftEstimate('Summarise.', [view(22)], 'qwen3-omni-flash')).toBeGreaterThan(16_384);
    // Not measured yet (still preparing): counts as nothing rather than guessing.
    expect(draftEstimate('Hi', [{ ...view(20), measure: null }], 'qwen3-omni-flash')).toBe(1 + MESSAGE_OVERHEAD_TOKENS);
    expect(composerEstimate(5_000, 'Summarise.', [view(20)], 'qwen3-omni-flash').withHistory).toBeGreaterThan(16_384);
  });

  it("an attachment counts as the core counted it (calibrated by the server's usage) when it says", () => {
    const base = AttachmentView.parse({
      id: 'v', name: 'clip.mp4', state: 'ready', progress: 1, found: null, plan: null, choices: [], videoMode: null,
      windowStartSec: null, error: null, measure: { sendAs: 'video', durationSec: 10, width: 640, height: 360, count: 1, hasAudio: false },
    });
    // The rules: 5 pictures of 23 × 13 tiles, no sound.
    expect(draftEstimate('', [base], 'qwen3-omni-flash')).toBe(MESSAGE_OVERHEAD_TOKENS + 5 * 299);
    const counted = { ...base, measure: { ...base.measure!, tokens: 1_111 } };
    expect(draftEstimate('', [counted], 'qwen3-omni-flash')).toBe(MESSAGE_OVERHEAD_TOKENS + 1_111);
  });
});
