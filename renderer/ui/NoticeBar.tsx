// The window's notice: what went wrong and what to do, as an alert. Problems with the key offer a
// direct way into Settings. Shown above the composer, and inside the Settings dialog while that is open.
import { describeError, useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { CloseIcon, WarningIcon } from '../ui/icons';

export function NoticeBar({ inSettings = false }: { inSettings?: boolean }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const notices = useAppState((s) => s.notices);
  const settingsOpen = useAppState((s) => s.settingsOpen);
  if (notices.length === 0 || settingsOpen !== inSettings) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} role="alert" className="notice">
          <WarningIcon />
          <p className="notice-text">{n.say ? t(n.say.key, n.say.params) : describeError(n.info, lang, t)}</p>
          {!inSettings && (n.info.kind === 'no_key' || n.info.kind === 'auth') && (
            <button type="button" className="button button-small" onClick={() => store.settings.open('apiKey')}>
              {t('notice.openSettings')}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('notice.dismiss')} title={t('notice.dismiss')} onClick={() => store.notices.dismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
