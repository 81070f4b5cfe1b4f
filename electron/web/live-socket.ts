// The browser shell's live audio channel: one WebSocket per live voice session at <token>/live/<sessionId>,
// binary frames only (shared/live-audio.ts), so microphone and reply audio never go through the page's JSON
// socket or its main thread (the page may hand this socket to a worker). The same token/Host/Origin checks as
// /ws and /audio (access.ts): the token's folder first, then the page's own Origin, required.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LIVE_FRAME_HEADER, LIVE_FRAME_MAX_BYTES } from '../../shared/live-audio';
import type { Core } from '../core/core-interface';
import { checkAccess, originRefusal, type AccessRules } from './access';
import { refuseUpgrade } from './socket';

export const LIVE_PATH = /^\/live\/([A-Za-z0-9_-]{1,64})$/;
/** A page that stops reading its audio is cut off (its session goes on; it may open the channel again). */
const MAX_BUFFERED = 8 * 1024 * 1024;

export interface LiveSockets {
  /** Whether an upgrade is for a live channel below the right token's folder (else socket.ts answers it). */
  handles(req: IncomingMessage): boolean;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createLiveSockets(o: { core: Core; rules: AccessRules; log: (line: string) => void }): LiveSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIVE_FRAME_MAX_BYTES + LIVE_FRAME_HEADER + 64, perMessageDeflate: false });
  const open = new Set<WebSocket>();
  // A request without the right token is left to socket.ts, which refuses it as it refuses any other.
  const pathOf = (req: IncomingMessage) => {
    const verdict = checkAccess(req, o.rules);
    return verdict.ok ? verdict.path : null;
  };

  return {
    handles: (req) => pathOf(req)?.startsWith('/live/') ?? false,
    upgrade(req, socket, head) {
      const verdict = checkAccess(req, o.rules);
      if (!verdict.ok) {
        o.log(`refused a live audio channel: ${verdict.reason}`);
        return refuseUpgrade(socket, verdict.status, verdict.reason);
      }
      const id = LIVE_PATH.exec(verdict.path)?.[1];
      if (!id) return refuseUpgrade(socket, 404, 'Not found.');
      const badOrigin = originRefusal(req, o.rules, true);
      if (badOrigin) {
        o.log(`refused a live audio channel: ${badOrigin}`);
        return refuseUpgrade(socket, 403, badOrigin);
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const send = (frame: Uint8Array) => {
          if (ws.readyState !== ws.OPEN) return;
          if (ws.bufferedAmount > MAX_BUFFERED) {
            o.log('a page stopped reading its live audio; closing that channel');
            ws.terminate();
            return;
          }
          ws.send(frame);
        };
        const channel = o.core.liveAudio(id, send, () => ws.close(1000, 'Live voice ended'));
        if (!channel) {
          ws.close(4404, 'No such live session');
          return;
        }
        open.add(ws);
        ws.on('message', (data: RawData, isBinary) => {
          if (!isBinary) return;
          const b = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
          channel.receive(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
        });
        ws.on('close', () => {
          open.delete(ws);
          channel.close();
        });
        ws.on('error', (err) => o.log(`live audio channel error: ${err.message}`));
      });
    },
    async close() {
      for (const ws of open) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
