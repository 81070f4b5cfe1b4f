// The streaming API client: build the body, stream it, map errors. Plain Node; no Electron, no SDK.
export { buildChatBody, audioApplies, thinkingApplies, systemMessageAllowed } from './request';
export type { ApiMessage, UserContentPart, TurnOptions, ChatBody } from './request';
export { streamChat } from './stream';
export type { StreamEvent, StreamOptions, StreamResult, StreamStatus } from './stream';
export { mapApiError, redactKeys, redactErrorInfo, cutOffError, stalledError } from './error-mapping';
export type { ApiErrorInput } from './error-mapping';
