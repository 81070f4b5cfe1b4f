// The IPC channels between the Electron main process and the preload. Nothing else crosses. Here, where
// both may import it (neither imports the other); it imports nothing, so the sandboxed preload can bundle it.
export const INVOKE_CHANNEL = 'omni:invoke';
export const EVENT_CHANNEL = 'omni:event';
/** Paths of files the user dropped or picked, resolved by the preload itself (webUtils.getPathForFile). */
export const ATTACH_CHANNEL = 'omni:attach';
/** The page asks for its audio channel (with a token); the main process answers on AUDIO_PORT_CHANNEL with the token and one MessagePort. */
export const AUDIO_PORT_REQUEST = 'omni:audio-port-request';
export const AUDIO_PORT_CHANNEL = 'omni:audio-port';
/**
 * Live voice's audio channel: the page (through the preload) asks for a session's MessagePort on
 * LIVE_OPEN_CHANNEL; the main process answers on LIVE_PORT_CHANNEL with the port (or why not). Frames on the port
 * are shared/live-audio.ts's, both ways.
 */
export const LIVE_OPEN_CHANNEL = 'omni:live-open';
export const LIVE_PORT_CHANNEL = 'omni:live-port';
