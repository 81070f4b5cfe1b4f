// A reply can be made again: Retry when it did not arrive whole (failed, cut off, stalled, interrupted),
// Regenerate otherwise. Either way the new reply is a new version and the old one is kept.
import { RefreshCw, RotateCcw } from 'lucide-react';
import type { Message, ReplyStatus } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { IconButton } from '../ui';
import { useBranchBusy } from './VersionSwitcher';

const RETRY: ReadonlySet<ReplyStatus> = new Set<ReplyStatus>(['failed', 'cut_off', 'stalled', 'interrupted']);

export function RetryButton({ message }: { message: Message }) {
  const store = useStore();
  const { t } = useI18n();
  const busy = useBranchBusy();
  if (message.status === 'streaming') return null;
  const retry = RETRY.has(message.status);
  return (
    <IconButton
      label={retry ? t('branch.retry') : t('branch.regenerate')}
      className={retry ? 'retry' : undefined}
      icon={retry ? <RotateCcw size={16} aria-hidden="true" /> : <RefreshCw size={16} aria-hidden="true" />}
      disabled={busy}
      onClick={() => void store.versions.regenerate(message.id)}
    />
  );
}
