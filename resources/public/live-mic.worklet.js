// The AudioWorklet processor that turns Live voice's microphone into PCM16 chunks (mono, at the context's rate:
// 16 kHz, what the Realtime API takes). Plain JS because it is served as a file: a strict CSP forbids blob:
// modules, so it cannot be bundled. Each 100 ms chunk (1,600 samples, the size Alibaba's samples send) leaves
// with the time it was complete, its buffer transferred — to the page, until the page routes it (issue 21's
// fast path, no hop through the page's main thread):
//   {type:'route', out: port}              the browser shell: chunks go to the worker holding the session's socket;
//   {type:'route', core: port, inlet: port|null, conversationId}
//                                          Electron: this worklet holds the main process's port itself and moves
//                                          the frames both ways (live-router.js); what the page must know goes
//                                          to it on this node's port.
//
// Messages out: {type:'pcm', pcm: ArrayBuffer (Int16 LE), capturedAt: ms since epoch} (not routed)
//               {type:'frame', frame} · {type:'level', peak} · {type:'closed'} (routed to the core from here)
// Messages in:  {type:'route', ...} · {type:'stop'}
import { createLiveRouter } from './live-router.js';

class LiveMicProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunk = new Int16Array(1600);
    this.filled = 0;
    this.stopped = false;
    this.out = null;
    this.core = null;
    this.router = null;
    this.port.onmessage = (e) => this.onMessage(e.data);
  }

  onMessage(m) {
    if (!m) return;
    if (m.type === 'stop') {
      this.stopped = true;
      if (this.out) this.out.close();
      if (this.router) this.router.close();
      if (this.core) this.core.close();
      this.out = this.core = this.router = null;
    } else if (m.type === 'route' && m.out) {
      this.out = m.out;
    } else if (m.type === 'route' && m.core) {
      const core = (this.core = m.core);
      const page = this.port;
      this.router = createLiveRouter({
        toCore: (bytes) => core.postMessage(bytes, [bytes.buffer]),
        toPage: (msg, transfer) => page.postMessage(msg, transfer || []),
      });
      this.router.setInlet(m.inlet || null, m.conversationId);
      core.onmessage = (e) => this.router && this.router.fromCore(e.data);
      core.addEventListener('close', () => page.postMessage({ type: 'closed' }));
      core.start();
    }
  }

  send(pcm, capturedAt) {
    if (this.router) this.router.mic(pcm, capturedAt);
    else if (this.out) this.out.postMessage({ pcm, capturedAt }, [pcm]);
    else this.port.postMessage({ type: 'pcm', pcm, capturedAt }, [pcm]);
  }

  process(inputs) {
    if (this.stopped) return false;
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const s = Math.max(-1, Math.min(1, input[i]));
      this.chunk[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === this.chunk.length) {
        this.send(this.chunk.buffer, Date.now());
        this.chunk = new Int16Array(1600);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('live-mic', LiveMicProcessor);
