// English for attachments: chips, their states and how a file is sent.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const attachments = {
  'attach.button': 'Attach',
  'attach.list': 'Attachments',
  'attach.chip': 'Attachment: {name}',
  'attach.remove': 'Remove',
  'attach.probing': 'Checking…',
  'attach.waiting': 'Waiting…',
  'attach.full': 'A message can carry at most {max} attachments. Send these first or remove some, then add more.',
  'attach.preparing': 'Preparing… {percent}%',
  'attach.ready': 'Ready to send',
  'attach.error': 'Cannot be sent',
  'attach.progress': 'Preparing {name}',
  'attach.startAt': 'Send from second',
  'attach.sendAs': 'Send as',
  'attach.asFile': 'Video file (trimmed)',
  'attach.asFrames': 'Frames from the whole video',
  'attach.notReady': 'Wait until every attachment is ready, or remove it.',
  'attach.dropHint': 'Drop files to attach them',
  'attach.sent': 'Attached: {name} — {summary}',
} as const;
