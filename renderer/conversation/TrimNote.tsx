// Says when the oldest turns were left out of a reply's request to fit the model's input limit: live from
// the core's `trimmed` event, and afterwards from the stored usage.
import type { Message } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useAppState } from '../state/store-hooks';

export function TrimNote({ message }: { message: Message }) {
  const { t } = useI18n();
  const live = useAppState((s) => s.replyNotes[message.id]?.turnsLeftOut);
  const count = message.usage?.turnsLeftOut ?? live ?? 0;
  if (count <= 0) return null;
  return <p className="reply-detail reply-trimmed">{t('trim.notice', { count })}</p>;
}
