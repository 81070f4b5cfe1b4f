// English for Live voice: the composer's start/end control, what the session is doing, the microphone's problems.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const live = {
  'live.start': 'Live voice',
  'live.end': 'End live voice',
  'live.endShort': 'End',
  'live.hint': 'Live voice: talk with the model and interrupt it; every turn is kept in this conversation',
  'live.status.connecting': 'Connecting…',
  'live.status.listening': 'Listening',
  'live.status.hearing': 'Hearing you',
  'live.status.answering': 'Answering — speak to interrupt',
  'live.status.reconnecting': 'Connection lost, reconnecting…',
  'live.mic.no-device': 'No microphone was found, so Live voice could not start. Connect one (or switch it on), then press Live voice again. You can still type.',
  'live.mic.denied': 'Omni Desk is not allowed to use the microphone, so Live voice could not start. Allow microphone access for this window, then press Live voice again.',
  'live.mic.busy': 'The microphone could not be started; another program may be using it. Close that program, then press Live voice again.',
  'live.mic.unsupported': 'This window cannot capture sound for Live voice. Use the Omni Desk app, or type instead.',
  'live.mic.failed': 'The microphone failed ({detail}), so Live voice ended. Press Live voice to try again.',
} as const;
