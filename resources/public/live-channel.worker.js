// The browser shell's live voice channel (issue 21): this module worker holds the session's <token>/live/<id>
// WebSocket, so microphone chunks from the capture worklet (through a port the page gave it) go to the core,
// and the reply's frames to the playback worklet (another port), without the page's main thread (live-router.js).
// Until the page routes them, frames go to the page and the page's frames to the socket.
//
// From the page: {type:'open', url} · {type:'send', frame: ArrayBuffer} · {type:'route', mic: port, inlet: port|null,
//                conversationId} · {type:'close'}
// To the page:   {type:'open'} · {type:'closed'} · {type:'frame', frame: ArrayBuffer} · {type:'level', peak}
import { createLiveRouter } from './live-router.js';

let ws = null;
let mic = null;
const router = createLiveRouter({
  toCore: (bytes) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(bytes);
  },
  toPage: (m, transfer) => self.postMessage(m, transfer || []),
});

function close() {
  if (mic) mic.close();
  mic = null;
  router.close();
  if (ws) ws.close(1000);
  ws = null;
}

self.onmessage = (e) => {
  const m = e.data;
  if (!m) return;
  if (m.type === 'open' && ws === null && typeof m.url === 'string') {
    ws = new WebSocket(m.url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => self.postMessage({ type: 'open' });
    ws.onmessage = (ev) => {
      if (ev.data instanceof ArrayBuffer) router.fromCore(ev.data);
    };
    // The session's channel is not reopened here: a closed one means the session ended (or the app went).
    ws.onclose = () => {
      close();
      self.postMessage({ type: 'closed' });
    };
  } else if (m.type === 'send' && m.frame instanceof ArrayBuffer) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(m.frame);
  } else if (m.type === 'route' && m.mic) {
    if (mic) mic.close();
    mic = m.mic;
    mic.onmessage = (ev) => {
      const c = ev.data;
      if (c && c.pcm instanceof ArrayBuffer) router.mic(c.pcm, c.capturedAt);
    };
    router.setInlet(m.inlet || null, m.conversationId);
  } else if (m.type === 'close') {
    close();
  }
};
