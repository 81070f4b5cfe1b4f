// A conversation's title as the window shows it (the list and the header): a media-only first question's
// fallback title worded in the user's language ("Audio: speech.wav" / "音频：speech.wav"), else the title.
import type { ConversationSummary } from '../../shared/domain';
import type { Translate } from '../i18n';

export function shownTitle(c: Pick<ConversationSummary, 'title' | 'titleMedia'>, t: Translate): string {
  if (c.titleMedia) {
    const m = c.titleMedia;
    const base = t(`list.media.${m.kind}`, { name: m.name });
    return m.more > 0 ? t('list.mediaMore', { title: base, count: m.more }) : base;
  }
  return c.title.trim() || t('sidebar.untitled');
}
