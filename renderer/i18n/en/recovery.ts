// English for a damaged history: what happened, export what can be read, start fresh.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const recovery = {
  'safety.recoveryTitle': 'Your history could not be opened',
  'safety.recovery.damaged': 'The history file {file} is damaged, so Omni Desk started without it. Nothing in it has been changed.',
  'safety.recovery.not_a_database': 'The history file {file} is not a database any more (it may have been overwritten), so Omni Desk started without it. Nothing in it has been changed.',
  'safety.recovery.foreign': 'The file {file} in the data folder belongs to another program, so Omni Desk started without a history. Nothing in it has been changed.',
  'safety.recoveryWhat': 'First save what can still be read, then start a fresh history. The damaged file is kept beside the new one, renamed omni-desk.damaged-<date>.db.',
  'safety.recoveryDetail': 'SQLite reports: {detail}',
  'safety.exportReadable': 'Export readable conversations',
  'safety.startFresh': 'Start a fresh database',
  'safety.exported': { one: '{count} conversation was saved as a Markdown file.', other: '{count} conversations were saved as Markdown files.' },
  'safety.exportCancelled': 'Nothing was saved.',
  'safety.freshDone': 'A fresh history was started. The damaged file is kept as {file} in the data folder.',
  'safety.continue': 'Continue',
  'safety.working': 'Working…',
} as const;
