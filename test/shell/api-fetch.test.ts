// The desktop app's API fetch (electron/main/api-fetch.ts): Chromium's session.fetch, whose failures are
// "net::ERR_…" messages, given to the real core. A stand-in session answers with Node's fetch (to the
// DashScope stand-in) or rejects as Chromium does; the core must stream through it and explain each
// failure as specifically as it does Node's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFetch, codeForNetError } from '../../electron/main/api-fetch';
import { startStandin, type Standin } from '../standin';
import { must, startTestCore } from '../support/test-core';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ scenario: { realtime: false, audioSeconds: 0.5 } });
});
afterAll(async () => {
  await standin?.close();
});

/** A session whose fetch is Node's, or one that fails the way Chromium does. */
const session = (fail?: string) => ({
  fetch: (input: string | Request, init?: RequestInit) => (fail ? Promise.reject(new Error(fail)) : globalThis.fetch(input, init)),
}) as unknown as Parameters<typeof chromiumFetch>[0];

describe("the desktop app's API fetch", () => {
  it('streams a reply through the session', async () => {
    const t = await startTestCore({ standin, fetch: chromiumFetch(session()) });
    try {
      expect(await must(t.call('connection.test', { region: 'intl' }))).toMatchObject({ ok: true });
      const { outcome } = await t.send({ text: 'Hello through Chromium' });
      expect(outcome.status).toBe('complete');
    } finally {
      await t.close();
    }
  });

  it("explains Chromium's network failures as specifically as Node's", async () => {
    const cases: Array<[string, RegExp]> = [
      ['net::ERR_NAME_NOT_RESOLVED', /the server name could not be resolved/],
      ['net::ERR_CONNECTION_REFUSED', /the connection was refused/],
      ['net::ERR_CONNECTION_TIMED_OUT', /the connection timed out/],
      ['net::ERR_INTERNET_DISCONNECTED', /the network is unreachable/],
      ['net::ERR_CERT_AUTHORITY_INVALID', /its certificate was not accepted/],
      ['net::ERR_PROXY_CONNECTION_FAILED', /the connection failed/],
    ];
    for (const [chromium, said] of cases) {
      const t = await startTestCore({ standin, fetch: chromiumFetch(session(chromium)) });
      try {
        const r = await must(t.call('connection.test', { region: 'intl' }));
        expect(r, chromium).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(said) } });
      } finally {
        await t.close();
      }
    }
    expect(codeForNetError('net::ERR_TUNNEL_CONNECTION_FAILED')).toBe('ERR_TUNNEL_CONNECTION_FAILED');
    expect(codeForNetError('something else')).toBeNull();
  });

  it('passes an abort through as it is', async () => {
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    const f = chromiumFetch({ fetch: () => Promise.reject(aborted) } as unknown as Parameters<typeof chromiumFetch>[0]);
    await expect(f('https://example.invalid/')).rejects.toBe(aborted);
  });
});
