// A reply can be made again: Retry when it did not arrive whole (failed, cut off, stalled, interrupted),
// Regenerate otherwise. Either way the new reply is a new version and the old one is kept.
import type { Message, ReplyStatus } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { useBranchBusy } from './VersionSwitcher';

const RETRY: ReadonlySet<ReplyStatus> = new Set<ReplyStatus>(['failed', 'cut_off', 'stalled', 'interrupted']);

export function RetryButton({ message }: { message: Message }) {
  const store = useStore();
  const { t } = useI18n();
  const busy = useBranchBusy();
  if (message.status === 'streaming') return null;
  const retry = RETRY.has(message.status);
  return (
    <button
      type="button"
      className={retry ? 'button button-chip retry' : 'button button-chip'}
      disabled={busy}
      onClick={() => void store.versions.regenerate(message.id)}
    >
      {retry ? t('branch.retry') : t('branch.regenerate')}
    </button>
  );
}
