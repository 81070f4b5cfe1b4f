// The reference's error table, row by row, as DashScope sends it: each gets its kind and a message that
// says what to do, with the server's own words, code, status and request id kept.
import { describe, expect, it } from 'vitest';
import { mapApiError, rateLimitGaveUp, redactErrorInfo, regionHintFor } from '../../../electron/core/api/error-mapping';

const body = (code: string, message: string, type = 'invalid_request_error') => ({
  error: { message, type, param: null, code },
  request_id: 'req-123',
});

const TABLE = [
  { http: 401, code: 'invalid_api_key', msg: 'Incorrect API key provided. ', kind: 'auth', says: /key.*Settings/ },
  { http: 400, code: 'invalid_parameter_error', msg: "'audio' output only support with stream=true", kind: 'bad_request', says: /refused/ },
  { http: 400, code: 'Arrearage', msg: 'Access denied, please make sure your account is in good standing. ', kind: 'arrearage', says: /overdue payment.*Top up/ },
  { http: 429, code: 'limit_requests', msg: 'Requests rate limit exceeded, please try again later.', kind: 'rate_limit', says: /rate limit.*try again/ },
  { http: 429, code: 'Throttling.RateQuota', msg: 'Requests rate limit exceeded.', kind: 'rate_limit', says: /rate limit/ },
  { http: 429, code: 'insufficient_quota', msg: 'You exceeded your current quota.', kind: 'quota', says: /quota/ },
  { http: 403, code: 'AllocationQuota.FreeTierOnly', msg: 'The free tier of the model has been exhausted.', kind: 'quota', says: /free tier only.*console/ },
  { http: 400, code: 'InvalidParameter', msg: "Input should be 'Cherry', 'Serena', 'Ethan' or 'Chelsie': parameters.audio.voice", kind: 'bad_request', says: /voice.*Settings/ },
  { http: 400, code: 'InvalidParameter', msg: 'Exceeded limit on max bytes per data-uri item : 10485760', kind: 'too_large', says: /too large.*smaller/ },
  { http: 400, code: 'InvalidParameter', msg: 'The video modality input does not meet the requirements because: The video file is too long.', kind: 'media_refused', says: /attachment/ },
  { http: 400, code: 'InvalidParameter', msg: 'Failed to download multimodal content.', kind: 'media_refused', says: /attachment/ },
  { http: 404, code: 'model_not_found', msg: 'Model can not be found.', kind: 'model_not_found', says: /another model/ },
  { http: 400, code: 'data_inspection_failed', msg: 'Input data may contain inappropriate content.', kind: 'moderation', says: /safety/ },
  { http: 500, code: 'internal_error', msg: 'An internal error has occured.', kind: 'server', says: /Try again/ },
  { http: 503, code: 'ServiceUnavailable', msg: 'Service busy.', kind: 'server', says: /HTTP 503/ },
] as const;

describe('mapApiError', () => {
  for (const row of TABLE) {
    it(`${row.http} ${row.code}: ${row.kind}`, () => {
      const e = mapApiError({ httpStatus: row.http, body: body(row.code, row.msg) });
      expect(e).toMatchObject({ kind: row.kind, httpStatus: row.http, code: row.code, requestId: 'req-123', serverMessage: row.msg });
      expect(e.message).toMatch(row.says);
    });
  }

  it('the mid-stream error frame (no HTTP status) is moderation', () => {
    const e = mapApiError({ httpStatus: null, body: body('data_inspection_failed', 'Output data may contain inappropriate content.', 'data_inspection_failed') });
    expect(e).toMatchObject({ kind: 'moderation', httpStatus: null, code: 'data_inspection_failed' });
  });

  it("reads DashScope's native shape and a body's id when there is no request_id", () => {
    const e = mapApiError({ httpStatus: 400, body: { code: 'Arrearage', message: 'Access denied.', id: 'chatcmpl-9' } });
    expect(e).toMatchObject({ kind: 'arrearage', code: 'Arrearage', requestId: 'chatcmpl-9', serverMessage: 'Access denied.' });
  });

  it('a non-JSON body (a proxy page) keeps its start as the server message', () => {
    const e = mapApiError({ httpStatus: 502, body: '<html><body>Bad gateway</body></html>' });
    expect(e.kind).toBe('server');
    expect(e.serverMessage).toContain('Bad gateway');
  });

  it('the header request id is used when the body has none', () => {
    expect(mapApiError({ httpStatus: 500, body: null, requestId: 'hdr-1' }).requestId).toBe('hdr-1');
  });

  it('Retry-After in seconds or as a date becomes the wait in the message', () => {
    expect(mapApiError({ httpStatus: 429, body: null, retryAfter: '30' }).message).toMatch(/30 seconds/);
    const at = new Date(Date.now() + 60_000).toUTCString();
    expect(mapApiError({ httpStatus: 429, body: null, retryAfter: at }).message).toMatch(/about (59|60|61) seconds/);
  });

  it('network errors say what failed, from the cause chain', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(mapApiError({ httpStatus: null, body: null, networkError: refused })).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    expect(mapApiError({ httpStatus: null, body: null, networkError: dns }).message).toMatch(/could not be resolved/);
  });

  it('a refused key points at the other region when the request went to one of the two', () => {
    const sg = mapApiError({ httpStatus: 401, body: body('invalid_api_key', 'Incorrect API key provided.'), region: regionHintFor('intl', null) });
    expect(sg.message).toMatch(/refused by the Singapore \(International\) endpoint.*if this key is for Beijing \(China\), choose that region/);
    const cn = mapApiError({ httpStatus: 401, body: body('invalid_api_key', 'Incorrect API key provided.'), region: regionHintFor('cn', null) });
    expect(cn.message).toMatch(/Beijing \(China\) endpoint.*for Singapore \(International\)/);
    // A custom endpoint has no other region to suggest; the rule is still said.
    const custom = mapApiError({ httpStatus: 401, body: body('invalid_api_key', 'no'), region: regionHintFor('intl', 'http://localhost:8000/v1') });
    expect(custom.message).toMatch(/Singapore key fails in Beijing/);
  });

  it('moderation: the input refused (HTTP 400) and a reply stopped partway (error frame) read differently', () => {
    const input = mapApiError({ httpStatus: 400, body: body('data_inspection_failed', 'Input data may contain inappropriate content.') });
    const reply = mapApiError({ httpStatus: null, body: body('data_inspection_failed', 'Output data may contain inappropriate content.') });
    expect(input.message).toMatch(/refused this message/);
    expect(reply.message).toMatch(/stopped this reply partway.*kept/);
  });

  it("an answer the app does not know shows the server's words and the request id", () => {
    const e = mapApiError({ httpStatus: null, body: body('Brand.New', 'Something new went wrong.') });
    expect(e.kind).toBe('unknown');
    expect(e.message).toMatch(/request id req-123.*Something new went wrong/);
  });

  it('after the automatic retries the rate-limit message says waiting did not help', () => {
    const last = mapApiError({ httpStatus: 429, body: body('limit_requests', 'Requests rate limit exceeded.') });
    expect(rateLimitGaveUp(last, 3)).toMatchObject({ kind: 'rate_limit', requestId: 'req-123' });
    expect(rateLimitGaveUp(last, 3).message).toMatch(/after 3 automatic retries/);
  });

  it('a key echoed by a server never survives into the ErrorInfo', () => {
    const key = 'sk-live0123456789abcdef';
    const raw = mapApiError({ httpStatus: 401, body: body('invalid_api_key', `Incorrect API key provided: ${key}`) });
    expect(raw.serverMessage).not.toContain(key);
    const custom = redactErrorInfo({ ...raw, serverMessage: 'key=abcd-efgh-ijkl rejected' }, 'abcd-efgh-ijkl');
    expect(custom.serverMessage).toBe('key=[key hidden] rejected');
  });
});
