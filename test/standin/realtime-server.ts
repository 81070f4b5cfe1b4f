// The Realtime stand-in: WebSocket upgrades at /api-ws/v1/realtime?model=… on the stand-in's own HTTP server
// (so a core pointed at the stand-in's chat address finds Live voice beside it, as DashScope's hosts do), checked
// as DashScope checks them (the Bearer key, a model it serves), each becoming a session (realtime-session.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CustomModelFields, realtimeFinder } from '../../shared/custom-models';
import type { RealtimeErrorSpec, RealtimeScenario } from './realtime-scenario';
import { DEFAULT_REALTIME_SCENARIO } from './realtime-scenario';
import { StandinRealtimeSession, type RecordedRealtimeSession } from './realtime-session';

export const REALTIME_PATH = '/api-ws/v1/realtime';

export interface RealtimeStandin {
  /** Merges into the current scenario; applies to what follows. */
  setScenario(s: Partial<RealtimeScenario>): void;
  scenario(): RealtimeScenario;
  /** Every session opened, oldest first (a reconnect is a new one). */
  readonly sessions: RecordedRealtimeSession[];
  /** Upgrades refused (wrong key, unknown path, refuseUpgrades), with their status. */
  readonly refused: { status: number; at: number }[];
  /** Cuts every open session's TCP connection (no close frame: the client sees 1006). */
  drop(): void;
  /** Sends this error event in every open session. */
  sendError(e: RealtimeErrorSpec): void;
  /** Takes an upgrade on the stand-in's HTTP server; false when it is not for this path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

export function createRealtimeStandin(opts: { apiKey: string; scenario?: Partial<RealtimeScenario> }): RealtimeStandin {
  let scenario: RealtimeScenario = { ...DEFAULT_REALTIME_SCENARIO, ...opts.scenario };
  let refuseLeft = scenario.refuseUpgrades;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
  const open = new Set<StandinRealtimeSession>();
  const sessions: RecordedRealtimeSession[] = [];
  const refused: { status: number; at: number }[] = [];
  let turns = 0;
  let replies = 0;

  const host = {
    scenario: () => scenario,
    nextTranscript(seconds: number): string {
      const n = turns++;
      return scenario.transcripts[n] ?? `Turn ${n + 1} (${seconds.toFixed(1)} s)`;
    },
    nextReply(): string {
      const n = replies++;
      return scenario.replies[n] ?? scenario.replyText;
    },
  };

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const at = Date.now();
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      refused.push({ status: 401, at });
      refuse(socket, 401, { code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: `req_${at}` });
      return;
    }
    if (refuseLeft > 0) {
      refuseLeft--;
      refused.push({ status: 503, at });
      refuse(socket, 503, { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.', request_id: `req_${at}` });
      return;
    }
    const modelId = url.searchParams.get('model') ?? '';
    const model = realtimeFinder(scenario.extraModels.map((m) => CustomModelFields.parse(m)))(modelId);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!model) {
        ws.send(JSON.stringify({ event_id: 'event_model', type: 'error', error: { type: 'invalid_request_error', code: 'model_not_found', message: `Model not found: ${modelId}`, param: 'model' } }));
        ws.close(1008, 'Model not found');
        return;
      }
      const session = new StandinRealtimeSession(ws, model, host, headers);
      sessions.push(session.rec);
      open.add(session);
      ws.on('close', () => open.delete(session));
      session.start();
    });
  }

  return {
    setScenario(s) {
      const known: Partial<RealtimeScenario> = {};
      for (const k of Object.keys(s) as (keyof RealtimeScenario)[]) if (k in DEFAULT_REALTIME_SCENARIO) (known as Record<string, unknown>)[k] = s[k];
      scenario = { ...scenario, ...known };
      if (known.refuseUpgrades !== undefined) refuseLeft = known.refuseUpgrades;
      if (known.transcripts !== undefined) turns = 0;
      if (known.replies !== undefined) replies = 0;
    },
    scenario: () => scenario,
    sessions,
    refused,
    drop() {
      for (const s of open) s.drop();
      open.clear();
    },
    sendError(e) {
      for (const s of open) s.sendError(e);
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== REALTIME_PATH) return false;
      if (scenario.upgradeDelayMs > 0) {
        const t = setTimeout(() => {
          if (!socket.destroyed) upgrade(req, socket, head, url);
        }, scenario.upgradeDelayMs);
        socket.once('close', () => clearTimeout(t));
        return true;
      }
      upgrade(req, socket, head, url);
      return true;
    },
    close() {
      for (const s of open) s.drop();
      open.clear();
      wss.close();
    },
  };
}
