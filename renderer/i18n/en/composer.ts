// English for the composer: the message box, Send, the input estimate and the rules checked before sending.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.
import { RULE_TEXT_EN } from '../../../shared/rules';

export const composer = {
  // The rules' own problems: shared with the core, which says them in English.
  ...RULE_TEXT_EN,
  'composer.region': 'Composer',
  'composer.message': 'Message',
  'composer.placeholder': 'Ask anything…',
  'composer.send': 'Send',
  'composer.stop': 'Stop',
  'composer.hint': 'Enter to send · Shift+Enter for a new line',
  'composer.modeSpeak': '{model} · speaks as {voice}',
  'composer.modeText': '{model} · text replies',
  'composer.modeThinking': '{model} · thinking, text replies',
  'rules.title': 'This message cannot be sent yet',
  'rules.fix.turnOffSpeak': 'Turn off Speak replies',
  'rules.fix.turnOffThinking': 'Turn off Thinking',
  'rules.fix.removeSystemPrompt': 'Remove the system prompt',
  'rules.fix.pickVoice': 'Use {voice}',
  'rules.fix.pickModel': 'Use {model}',
  'rules.fix.removeAttachment': 'Remove “{name}”',
  'rules.fix.fitAttachment': 'Fit “{name}” into the room left',
  'rules.fix.leaveOutOldTurns': 'Send without the earliest turns',
  'rules.fix.newConversation': 'Ask in a new conversation',
} as const;
