// ‹ 2 / 3 › on a turn that has versions (an edited question, a regenerated reply). Switching shows that
// version and the newest path after it; the buttons rest while a reply streams, since a new version is
// being written then.
import type { Message } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
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
      <button
        type="button"
        className="button button-chip versions-step"
        aria-label={t('branch.previous')}
        title={t('branch.previous')}
        disabled={busy || v.index === 0}
        onClick={() => go(v.index - 1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <span className="versions-count">{t('branch.count', { index: v.index + 1, count: v.count })}</span>
      <button
        type="button"
        className="button button-chip versions-step"
        aria-label={t('branch.next')}
        title={t('branch.next')}
        disabled={busy || v.index >= v.count - 1}
        onClick={() => go(v.index + 1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
