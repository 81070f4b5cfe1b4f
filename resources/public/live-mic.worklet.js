// The AudioWorklet processor that turns Live voice's microphone into PCM16 chunks (mono, at the context's rate:
// 16 kHz, what the Realtime API takes). Plain JS because it is served as a file: a strict CSP forbids blob:
// modules, so it cannot be bundled. Each 100 ms chunk (1,600 samples, the size Alibaba's samples send) goes to
// the page with the time it was complete, its buffer transferred.
//
// Messages out: {type:'pcm', pcm: ArrayBuffer (Int16 LE), capturedAt: ms since epoch (the page's clock)}
// Messages in:  {type:'stop'}
class LiveMicProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunk = new Int16Array(1600);
    this.filled = 0;
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data && e.data.type === 'stop') this.stopped = true;
    };
  }

  process(inputs) {
    if (this.stopped) return false;
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const s = Math.max(-1, Math.min(1, input[i]));
      this.chunk[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === this.chunk.length) {
        const pcm = this.chunk.buffer;
        this.port.postMessage({ type: 'pcm', pcm, capturedAt: Date.now() }, [pcm]);
        this.chunk = new Int16Array(1600);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('live-mic', LiveMicProcessor);
