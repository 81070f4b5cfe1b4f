// "Close in order, then exit", from the script that started us (scripts/serve.mjs runForwarding: npm run
// serve, npm start) over Node's IPC channel. On Windows a parent cannot send a signal — child.kill() is
// TerminateProcess, which skips the core's close — so it sends this message instead. Both shells listen:
// the browser shell (electron/web/cli.ts) and Electron's main process (electron/main/index.ts).

/** The message type; scripts/serve.mjs (plain JavaScript) spells the same string as SHUTDOWN_MESSAGE. */
export const SHUTDOWN_MESSAGE = 'omni:shutdown';

/** How the close is named in the log. */
export const SHUTDOWN_REQUEST = 'shutdown request';

export function isShutdownRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SHUTDOWN_MESSAGE;
}

/** Calls `close` once, when the parent asks; returns the unsubscribe. */
export function onShutdownRequest(proc: Pick<NodeJS.Process, 'on' | 'off'>, close: () => void): () => void {
  let asked = false;
  const listener = (m: unknown) => {
    if (!isShutdownRequest(m) || asked) return;
    asked = true;
    close();
  };
  proc.on('message', listener);
  return () => proc.off('message', listener);
}
