// The history sent with each turn. Assistant turns are reduced to their text (the API accepts text only
// there; their audio stays on this machine). Replies that produced no text are left out rather than
// sent as empty turns.
import type { Message } from '../../../shared/domain';
import type { ApiMessage } from '../api/request';

export function historyToApiMessages(messages: readonly Message[]): ApiMessage[] {
  const out: ApiMessage[] = [];
  for (const m of messages) {
    if (m.role === 'user') {
      out.push({ role: 'user', content: m.text });
    } else if (m.text.trim().length > 0) {
      out.push({ role: 'assistant', content: m.text });
    }
  }
  return out;
}
