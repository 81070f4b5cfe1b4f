// English for a saved API key the system keyring cannot give back (Electron's safeStorage): the core's
// ErrorInfo codes keyring_unavailable and key_unreadable (electron/core/keys.ts).

export const keyring = {
  'error.keyringUnavailable': 'The system keyring did not answer (Omni Desk waited a few seconds), so your saved API key could not be read. The key is kept. Unlock the keyring (your login password may be asked for), then try again.',
  'error.keyUnreadable': 'Your saved API key can no longer be read on this computer (the system keyring was reset, or this is another user’s profile), so it was removed. Enter the key again in Settings, then send again.',
} as const;
