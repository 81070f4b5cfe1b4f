// Behind a proxy, the browser shell's requests to the API go through it: `npm run serve` started with
// HTTP_PROXY / HTTPS_PROXY (and NO_PROXY) in its environment, pointed at an API host only the proxy can
// reach (dashscope.test, a name no resolver knows), a local HTTP CONNECT proxy on 127.0.0.1 that tunnels
// that name to the DashScope stand-in, and the page's own bridge asking the app to test the connection
// and to answer a question.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchForEnv, proxyForLog, proxyFromEnv } from '../../electron/web/proxy-fetch';
import { startStandin, type Standin } from '../standin';
import { startServe, type ServeProcess } from './support/serve-process';

const API_HOST = 'dashscope.test';
let standin: Standin;
let proxy: Server;
let proxyUrl: string;
/** What the proxy was asked to connect to, in order. */
const tunnels: string[] = [];
let serve: ServeProcess | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  standin = await startStandin({ scenario: { realtime: false, audioSeconds: 0.5 } });
  const target = Number(new URL(standin.baseUrl).port);
  proxy = createServer((_req, res) => {
    tunnels.push('a plain request');
    res.writeHead(405).end();
  });
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    if (req.url !== `${API_HOST}:${target}`) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(target, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterEach(async () => {
  if (serve) {
    serve.child.kill('SIGTERM');
    await serve.exit;
    serve = null;
  }
  tunnels.length = 0;
  standin.requests.length = 0;
});

afterAll(async () => {
  proxy?.close();
  await standin?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function serveWith(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'omni-proxy-'));
  dirs.push(dataDir);
  const apiUrl = standin.baseUrl.replace('127.0.0.1', API_HOST);
  serve = await startServe(['--port', '0', '--data-dir', dataDir, '--base-url', apiUrl], { DASHSCOPE_API_KEY: standin.apiKey, ...env });
  return serve;
}

describe('npm run serve behind a proxy', () => {
  it('sends Test connection and a streamed reply through HTTP_PROXY, to a host only the proxy can reach', async () => {
    const s = await serveWith({ HTTP_PROXY: proxyUrl });
    const result = await s.bridge.invoke('connection.test', { region: 'intl' });
    expect(result).toMatchObject({ ok: true });
    const port = new URL(standin.baseUrl).port;
    expect(tunnels).toEqual([`${API_HOST}:${port}`]);

    const done = new Promise<string>((resolve) => s.bridge.on('chat.event', (e) => {
      if (e.kind === 'outcome') resolve(e.status);
    }));
    await s.bridge.invoke('chat.send', { conversationId: null, text: 'Through the proxy, please.', attachmentIds: [], options: { speakReplies: true } });
    expect(await done).toBe('complete');
    expect(standin.requests.map((r) => r.headers.host)).toEqual([`${API_HOST}:${port}`, `${API_HOST}:${port}`]);
    expect(s.stderr()).toContain(`API requests go through the proxy ${proxyUrl}`);
  }, 60_000);

  it('leaves a host in NO_PROXY alone: the request goes direct (and cannot resolve the name)', async () => {
    const s = await serveWith({ HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: `localhost,${API_HOST}` });
    const result = await s.bridge.invoke('connection.test', { region: 'intl' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/the server name could not be resolved/) } });
    expect(tunnels).toEqual([]);
    expect(standin.requests).toHaveLength(0);
  }, 60_000);

  it('without a proxy setting, requests go direct as before (and the proxy sees nothing)', async () => {
    const s = await serveWith({});
    expect(await s.bridge.invoke('connection.test', { region: 'intl' })).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(tunnels).toEqual([]);
    expect(s.stderr()).not.toContain('through the proxy');
  }, 60_000);
});

describe('the proxy settings', () => {
  it('are read like curl reads them, and never logged with a password', () => {
    expect(proxyFromEnv({})).toBeNull();
    expect(proxyFromEnv({ HTTPS_PROXY: 'http://p:3128' })).toEqual({ httpProxy: undefined, httpsProxy: 'http://p:3128', noProxy: undefined });
    expect(proxyFromEnv({ http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2', no_proxy: '.corp' })).toEqual({ httpProxy: 'http://a:1', httpsProxy: 'http://a:1', noProxy: '.corp' });
    expect(proxyForLog('http://user:s3cret@proxy.corp:3128/')).toBe('http://proxy.corp:3128');
    const lines: string[] = [];
    fetchForEnv({ HTTPS_PROXY: 'http://user:s3cret@proxy.corp:3128' }, (l) => lines.push(l));
    expect(lines.join('\n')).not.toContain('s3cret');
    expect(fetchForEnv({})).not.toBe(undefined);
  });
});
