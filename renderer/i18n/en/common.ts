// English for the window as a whole: the app's name, the languages, notices.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const common = {
  'app.name': 'Omni Desk',
  'notice.dismiss': 'Dismiss',
  'notice.openSettings': 'Open settings',
  'notice.audioBlocked': 'Sound could not start: {reason}. Check that an audio output is available, then press Play.',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',
} as const;
