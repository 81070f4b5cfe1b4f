// Stored media for the renderer, by opaque id: attachments and reply audio behind one answer function
// (Range → 206), and reply waveforms.
import { answerMedia, type MediaAnswer, type MediaRequest } from './serve';
import { createMediaSources, type MediaSourceDeps } from './sources';

export { answerMedia, isMediaPath, type MediaAnswer, type MediaRequest } from './serve';
export { parseRange, type RangeAnswer } from './range';
export { createMediaSources, mimeFor, type DraftFile, type MediaSource, type MediaSourceDeps } from './sources';
export { pcmPeaks, replyWaveform, DEFAULT_PEAKS, type ReplyWaveform } from './waveform';

export type MediaServer = (req: MediaRequest) => Promise<MediaAnswer>;

export function createMediaServer(deps: MediaSourceDeps): MediaServer {
  const find = createMediaSources(deps);
  return (req) => answerMedia(find, req);
}
