// The media pipeline's public face: what the core's handlers and the chat turn call.
export { createMediaService, describeProbe, probeFacts, type MediaService, type MediaServiceDeps, type PrepareOptions } from './service';
export { resolveMediaTools, unpackedAsarPath, type MediaTools } from './binaries';
export type { MediaProbe } from './probe';
export type { MediaPlan, PlanOptions, PlanResult, VideoMode, PlanAction } from './rules';
export { mediaPart, dataUrl, type MediaPart, type PreparedMedia } from './parts';
export { checkMix, mixRefusal, mixRefusalNote, type MixItem, type SendAs } from './mix';
export { makeThumbnail, makeFilmstrip, makePeaks, STRIP_FRAMES, PEAK_BUCKETS } from './preview';
export type { TokenBudget } from './token-fit';
export { MediaCancelledError, refuse, noteError } from './messages';
export { storedPath, removeStaleWork, type StoredFile } from './content-store';
export { maxRawBytesForBudget, dataUrlLength, type MediaKind, type ApiAudioFormat } from './formats';
export { watchToolQueue, toolQueueState, LANE_SLOTS, type ToolLane } from './tool-queue';
