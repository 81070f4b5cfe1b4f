// English for the desktop app's updates (Settings → Interface): the one switch and what it does.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const updates = {
  'updates.check': 'Check for updates automatically',
  'updates.hint':
    "Omni Desk looks for a newer release on the project's GitHub releases page when it starts and twice a day, downloads it, and installs it when you quit. Off until you turn it on.",
} as const;
