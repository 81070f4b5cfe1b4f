// English for a live voice session as the conversation keeps it (issue 21, the session in history): the
// line that opens a session's turns with its length and Export WAV, and a spoken turn's transcript and
// recording. Kept apart from live.ts (the session's controls) so the two can change independently.

export const liveHistory = {
  'liveHistory.session': 'Live voice',
  'liveHistory.sessionLength': 'Live voice · {length}',
  'liveHistory.minutes': '{count} min',
  'liveHistory.seconds': '{count} s',
  'liveHistory.exportWav': 'Export WAV',
  'liveHistory.exportWavLabel': 'Export WAV of the whole session',
  'liveHistory.transcribing': 'Transcribing…',
  'liveHistory.noTranscript': 'Spoken — no transcript',
  'liveHistory.recording': 'Your spoken turn',
} as const;
