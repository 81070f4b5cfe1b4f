// The window's notice: what went wrong and what to do, as an alert. Problems with the key offer a
// direct way into Settings.
import { describeError, useI18n } from '../i18n';
import { useAppState, useStore } from '../state/react';
import { CloseIcon, WarningIcon } from '../ui/icons';

export function NoticeBar({ inSettings = false }: { inSettings?: boolean }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const notices = useAppState((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} role="alert" className="notice">
          <WarningIcon />
          <p className="notice-text">{n.say ? t(n.say.key, n.say.params) : describeError(n.info, lang, t)}</p>
          {!inSettings && (n.info.kind === 'no_key' || n.info.kind === 'auth') && (
            <button type="button" className="button button-small" onClick={() => store.openSettings()}>
              {t('notice.openSettings')}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('notice.dismiss')} title={t('notice.dismiss')} onClick={() => store.dismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
