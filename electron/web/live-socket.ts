// The browser shell's live audio channel: one WebSocket per live voice session at /live/<sessionId>, binary
// frames only (shared/live-audio.ts), so microphone and reply audio never go through the page's JSON socket or
// its main thread (the page may hand this socket to a worker). The same token/Host/Origin check as /ws.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LIVE_FRAME_HEADER, LIVE_FRAME_MAX_BYTES } from '../../shared/live-audio';
import type { Core } from '../core/core-interface';
import { checkAccess, ownOrigin, type AccessRules } from './access';
import { refuseUpgrade } from './socket';

export const LIVE_PATH = /^\/live\/([A-Za-z0-9_-]{1,64})$/;
/** A page that stops reading its audio is cut off (its session goes on; it may open the channel again). */
const MAX_BUFFERED = 8 * 1024 * 1024;

export interface LiveSockets {
  /** Whether an upgrade is for a live channel (else it is the page's /ws). */
  handles(req: IncomingMessage): boolean;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createLiveSockets(o: { core: Core; rules: AccessRules; log: (line: string) => void }): LiveSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIVE_FRAME_MAX_BYTES + LIVE_FRAME_HEADER + 64, perMessageDeflate: false });
  const open = new Set<WebSocket>();
  const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', ownOrigin(o.rules.port)).pathname;

  return {
    handles: (req) => pathOf(req).startsWith('/live/'),
    upgrade(req, socket, head) {
      const id = LIVE_PATH.exec(pathOf(req))?.[1];
      if (!id) return refuseUpgrade(socket, 404, 'Not found.');
      const verdict = checkAccess(req, o.rules, { requireOrigin: true });
      if (!verdict.ok) {
        o.log(`refused a live audio channel: ${verdict.reason}`);
        return refuseUpgrade(socket, verdict.status, verdict.reason);
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
