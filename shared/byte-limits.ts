// How many bytes the page may hand the main process in one request: a microphone recording, or a file the
// page holds only in memory (a pasted screenshot, a picture dragged from a web page). Zod-free, so the
// sandboxed preload can check a file's size before reading it.

/**
 * 20 minutes (the longest any model hears) of the browser's WebM/Opus at up to ~128 kbps fits with room to
 * spare, and so does a screenshot; the browser shell's WebSocket takes a message this large.
 */
export const PAGE_BYTES_MAX = 24 * 1024 * 1024;
