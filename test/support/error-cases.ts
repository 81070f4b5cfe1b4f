// The reference's error table (../shared/reference/qwen-omni-facts.md) as the stand-in produces it: one row per
// case the server can send, with what the reply must then say. Shared by the core test (test/core/chat) and the
// Chromium test (test/e2e/errors.test.ts), so both walk every case.
import type { ErrorKind } from '../../shared/domain';
import type { StandinScenario } from '../standin';

export interface ErrorCase {
  name: string;
  scenario: Partial<StandinScenario>;
  kind: ErrorKind;
  says: RegExp;
  /** The server's words that must be kept (and, for unexplained answers, shown). */
  server?: RegExp;
  /** Text arrives before the failure and must be kept. */
  partial?: boolean;
}

export const httpError = (status: number, code: string, message: string, type?: string): Partial<StandinScenario> => ({
  httpError: type ? { status, code, message, type } : { status, code, message },
});

export const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: 'account overdue (Arrearage)',
    scenario: httpError(400, 'Arrearage', 'Access denied, please make sure your account is in good standing. For details, see the error code documentation.', 'Arrearage'),
    kind: 'arrearage', says: /overdue payment.*Top up/,
  },
  {
    name: 'free tier used up with "free tier only" on',
    scenario: httpError(403, 'AllocationQuota.FreeTierOnly', 'The free tier of the model has been exhausted. If you wish to continue access the model on a paid basis, please disable the "use free tier only" mode in the management console.'),
    kind: 'quota', says: /free quota.*used up.*console/,
  },
  {
    name: 'quota of the key used up (insufficient_quota), not retried',
    scenario: httpError(429, 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.'),
    kind: 'quota', says: /quota.*console/,
  },
  {
    name: 'content moderation on the input',
    scenario: httpError(400, 'data_inspection_failed', 'Input data may contain inappropriate content.', 'data_inspection_failed'),
    kind: 'moderation', says: /refused this message.*Rephrase/,
  },
  {
    name: 'content moderation mid-reply (an error frame in the stream)',
    scenario: { errorFrameAfterChunks: 8 },
    kind: 'moderation', says: /stopped this reply partway.*kept/, partial: true,
  },
  {
    name: 'unknown or not enabled model',
    scenario: httpError(404, 'model_not_found', 'Model can not be found.'),
    kind: 'model_not_found', says: /not available.*Choose another model/,
  },
  {
    name: 'model not enabled for the account (Model.AccessDenied)',
    scenario: httpError(403, 'Model.AccessDenied', 'Model access denied.'),
    kind: 'model_not_found', says: /enable it in the Model Studio console/,
  },
  {
    name: 'a base64 item over the data-URI limit',
    scenario: httpError(400, 'InvalidParameter', 'Exceeded limit on max bytes per data-uri item : 10485760'),
    kind: 'too_large', says: /too large.*smaller or shorter/,
  },
  {
    name: 'a video the server refuses (too long)',
    scenario: httpError(400, 'InvalidParameter', 'The video modality input does not meet the requirements because: The video file is too long.'),
    kind: 'media_refused', says: /could not use an attachment.*too long/, server: /video file is too long/,
  },
  {
    name: 'a media URL the server cannot download',
    scenario: httpError(400, 'InvalidParameter', 'Failed to download multimodal content.'),
    kind: 'media_refused', says: /could not use an attachment.*Failed to download/,
  },
  {
    name: 'a voice the model does not have',
    scenario: httpError(400, 'InvalidParameter', "Input should be 'Cherry', 'Serena', 'Ethan' or 'Chelsie': parameters.audio.voice"),
    kind: 'bad_request', says: /voice.*Choose another voice/,
  },
  {
    name: 'stream not true',
    scenario: httpError(400, 'invalid_parameter_error', "'audio' output only support with stream=true"),
    kind: 'bad_request', says: /refused the request.*request id/, server: /stream=true/,
  },
  { name: 'server error 500', scenario: { http500: true }, kind: 'server', says: /HTTP 500.*Try again/ },
  {
    name: 'server error 503',
    scenario: httpError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', 'ServiceUnavailable'),
    kind: 'server', says: /HTTP 503.*Try again/,
  },
  { name: 'the connection cut mid-reply', scenario: { dropAfterChunks: 10 }, kind: 'cut_off', says: /ended before the reply was complete/, partial: true },
  {
    name: 'an error the app does not know, mid-stream',
    scenario: { errorFrameAfterChunks: 6, errorFrame: { code: 'InternalError.Algo', message: 'An internal algorithm error occurred.' } },
    kind: 'unknown', says: /returned an error \(request id [0-9a-f-]{36}\).*internal algorithm error.*request id/, partial: true,
  },
  {
    name: 'an HTTP error the app does not know',
    scenario: httpError(409, 'Conflict.Novel', 'A brand new kind of problem.'),
    kind: 'bad_request', says: /HTTP 409, Conflict\.Novel\) \(request id [0-9a-f-]{36}\).*A brand new kind of problem/,
  },
];
