// A stored reply's audio for the page: its PCM (replay), its waveform (the seek bar's bars), and what the
// page reports after playing one (an underrun is logged: it is the one figure worth a line).
import type { Handlers } from '../core-interface';
import { REPLY_SAMPLE_RATE } from '../audio/pcm';
import type { Store } from '../store/history-store';
import { replyWaveform } from './waveform';

export function createReplyHandlers(d: {
  store: Store;
  log: (line: string) => void;
}): Pick<Handlers, 'reply.audio' | 'reply.waveform' | 'playback.report'> {
  return {
    'reply.audio': ({ messageId }) => ({ sampleRate: REPLY_SAMPLE_RATE, pcm: d.store.readReplyAudio(messageId) }),
    'reply.waveform': ({ messageId, buckets }) => replyWaveform(d.store, messageId, buckets),
    'playback.report': (r) => {
      if (r.underruns > 0) d.log(`playback of ${r.messageId}: ${r.underruns} underrun(s)`);
      return { ok: true as const };
    },
  };
}
