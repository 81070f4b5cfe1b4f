// The two IPC channels between the Electron main process and the preload. Nothing else crosses.
export const INVOKE_CHANNEL = 'omni:invoke';
export const EVENT_CHANNEL = 'omni:event';
