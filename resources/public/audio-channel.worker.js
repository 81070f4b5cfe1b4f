// The browser shell's audio channel (issue 20): this worker holds the /audio WebSocket, so its binary frames
// (shared/audio-frame.ts) never wait on the page's main thread, and hands each frame, transferred, to the
// port the page gave it, whose other end is in the AudioWorklet (audio-inlet.js). A dropped socket is
// reopened with backoff, as the page's own bridge does. Plain JS, served as a file: the CSP allows no blob:.
let port = null;
let url = null;
let retryMs = 250;

function open() {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => {
    retryMs = 250;
    // Not a frame (the inlet ignores it): says the channel is live, which tests wait for.
    port.postMessage({ type: 'open' });
  };
  ws.onmessage = (e) => {
    if (port && e.data instanceof ArrayBuffer) port.postMessage(e.data, [e.data]);
  };
  ws.onclose = () => {
    setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

self.onmessage = (e) => {
  const m = e.data;
  if (!m || m.type !== 'open' || url !== null || typeof m.url !== 'string' || !m.port) return;
  url = m.url;
  port = m.port;
  open();
};
