// English for voice in: Record, hands-free, the microphone's problems.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const voice = {
  'voice.record': 'Record',
  'voice.stop': 'Stop recording',
  'voice.recordShort': 'Record',
  'voice.stopShort': 'Stop',
  'voice.handsFree': 'Hands-free',
  'voice.handsFreeHint': 'Listens, sends your question after a pause, and listens again once the spoken reply has played',
  'voice.level': 'Input level',
  'voice.elapsed': 'Recording time',
  'voice.starting': 'Starting the microphone…',
  'voice.saving': 'Saving the recording…',
  'voice.listening': 'Listening — a pause sends your question',
  'voice.waiting': 'Hands-free: listening again after the reply',
  'voice.fileName': 'Recording {time}.{ext}',
  'voice.play': 'Play {name}',
  'voice.limit': 'Recording stopped by itself: {model} takes at most {limit} of audio. The recording is attached; record again to say more.',
  'voice.mic.no-device': 'No microphone was found. Connect one (or switch it on), then press Record again. You can still type your question.',
  'voice.mic.denied': 'Omni Desk is not allowed to use the microphone. Allow microphone access for this window in the browser or system settings, then press Record again. You can still type your question.',
  'voice.mic.busy': 'The microphone could not be started; another program may be using it. Close that program, then press Record again. You can still type your question.',
  'voice.mic.unsupported': 'This window cannot record sound. Type your question instead, or use the Omni Desk app.',
  'voice.mic.failed': 'Recording failed ({detail}). Press Record to try again; you can still type your question.',
  'voice.refused': '“{name}” cannot be sent: {reason} Remove it, then record again.',
  'voice.refusedUnknown': 'it could not be prepared.',
  'settings.handsFreeSilence': 'Hands-free: pause that sends the question (seconds)',
  'settings.handsFreeSilenceHint': 'How long you stay quiet after speaking before the recording is sent (0.3–10 s).',
} as const;
