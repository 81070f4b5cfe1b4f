// A test worklet, served as a file like the app's own: records its input (what the player sent out) and passes nothing on.
export const RECORDER = `
class Recorder extends AudioWorkletProcessor {
  constructor() { super(); this.buf = []; this.n = 0; this.port.onmessage = () => { this.flush(); this.port.postMessage({ type: 'flushed' }); }; }
  flush() { if (this.buf.length) { this.port.postMessage({ type: 'samples', data: Float32Array.from(this.buf) }); this.buf = []; } }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) for (let i = 0; i < ch.length; i++) this.buf.push(ch[i]);
    else for (let i = 0; i < 128; i++) this.buf.push(0);
    if (this.buf.length >= 4096) this.flush();
    return true;
  }
}
registerProcessor('test-recorder', Recorder);
`;

