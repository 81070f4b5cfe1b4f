// A reply waiting out a rate limit: the core asks again after the wait, and this counts it down inside
// the reply ("Rate limited — retrying in 3 s"). It goes away as soon as anything else arrives.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { useAppState } from '../state/store-hooks';
import './reply-notes.css';

export function RetryCountdown({ messageId }: { messageId: string }) {
  const { t } = useI18n();
  const retry = useAppState((s) => s.replyNotes[messageId]?.retry);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!retry) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [retry]);
  if (!retry) return null;
  const seconds = Math.ceil((retry.retryAt - now) / 1000);
  const params = { seconds, attempt: retry.attempt, max: retry.maxAttempts };
  return (
    <p role="status" className="reply-status reply-retry">
      {seconds > 0 ? t('retry.countdown', params) : t('retry.now', params)}
    </p>
  );
}
