// The media pipeline's public face: what the core's handlers and the chat turn call.
export { createMediaService, describeProbe, type MediaService, type MediaServiceDeps, type PrepareOptions } from './service';
export { resolveMediaTools, unpackedAsarPath, type MediaTools } from './binaries';
export type { MediaProbe } from './probe';
export type { MediaPlan, PlanOptions, PlanResult, VideoMode, PlanAction } from './rules';
export { mediaPart, dataUrl, type MediaPart, type PreparedMedia } from './parts';
export { checkMix, mixRefusal, type MixItem, type SendAs } from './mix';
export { MediaCancelledError, refuse } from './messages';
export { storedPath, removeStaleWork, type StoredFile } from './content-store';
export { maxRawBytesForBudget, dataUrlLength, type MediaKind, type ApiAudioFormat } from './formats';
export { watchToolQueue, toolQueueState, LANE_SLOTS, type ToolLane } from './tool-queue';
