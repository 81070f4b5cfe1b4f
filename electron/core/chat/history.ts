// The history sent with each turn. Assistant turns are reduced to their text (the API accepts text only
// there; their audio stays on this machine). Replies that produced no text are left out rather than
// sent as empty turns. A user turn that carried files goes again with its own media, first, then its text.
import type { Message } from '../../../shared/domain';
import type { ApiMessage, UserContentPart } from '../api/request';

export function historyToApiMessages(
  messages: readonly Message[],
  media: ReadonlyMap<string, readonly UserContentPart[]> = new Map(),
): ApiMessage[] {
  const out: ApiMessage[] = [];
  for (const m of messages) {
    if (m.role === 'user') {
      const parts = media.get(m.id) ?? [];
      if (parts.length === 0) {
        out.push({ role: 'user', content: m.text });
      } else {
        const content: UserContentPart[] = [...parts];
        if (m.text.trim().length > 0) content.push({ type: 'text', text: m.text });
        out.push({ role: 'user', content });
      }
    } else if (m.text.trim().length > 0) {
      out.push({ role: 'assistant', content: m.text });
    }
  }
  return out;
}
