// ‹ 2 / 3 › on a turn that has versions (an edited question, a regenerated reply). Switching shows that
// version and the newest path after it; the buttons rest while a reply streams, since a new version is
// being written then.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { Message } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { IconButton } from '../ui';
import './branch.css';

/** True while this window sends or a reply of the open conversation streams: versions then stay put. */
export function useBranchBusy(): boolean {
  return useAppState((s) => s.sending || (s.open?.messages.some((m) => m.status === 'streaming') ?? false));
}

export function VersionSwitcher({ message }: { message: Message }) {
  const store = useStore();
  const { t } = useI18n();
  const busy = useBranchBusy();
  const v = message.versions;
  if (!v || v.count < 2) return null;
  const go = (index: number) => {
    const id = v.ids[index];
    if (id) void store.versions.switchTo(id);
  };
  return (
    <div className="versions" role="group" aria-label={t('branch.versions')}>
      <IconButton
        label={t('branch.previous')}
        className="versions-step"
        icon={<ChevronLeft size={16} aria-hidden="true" />}
        disabled={busy || v.index === 0}
        onClick={() => go(v.index - 1)}
      />
      <span className="versions-count">{t('branch.count', { index: v.index + 1, count: v.count })}</span>
      <IconButton
        label={t('branch.next')}
        className="versions-step"
        icon={<ChevronRight size={16} aria-hidden="true" />}
        disabled={busy || v.index >= v.count - 1}
        onClick={() => go(v.index + 1)}
      />
    </div>
  );
}
