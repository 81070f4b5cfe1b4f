// A reply's details on demand, behind one quiet Details button in its row: the model and voice, the
// tokens in and out by kind, how long its audio is, and that this audio stays on this computer (only the
// reply's text goes back to the model as history).
import { Info } from 'lucide-react';
import type { Message } from '../../shared/domain';
import { useI18n } from '../i18n';
import { formatNumber, formatSeconds, modelLabel } from '../i18n/format';
import { IconButton, Popover } from '../ui';
import { usageDetail } from './UsageLine';

export function ReplyDetails({ message: m }: { message: Message }) {
  const { t, lang } = useI18n();
  const hasAudio = (m.audio?.samples ?? 0) > 0;
  const u = m.usage;
  return (
    <Popover
      label={t('reply.detailsTitle')}
      side="top"
      align="start"
      className="reply-details"
      trigger={<IconButton label={t('reply.details')} icon={<Info size={16} aria-hidden="true" />} />}
    >
      <dl className="details-list">
        {m.model && (
          <>
            <dt>{t('reply.model')}</dt>
            <dd>{modelLabel(m.model)}{m.voice && hasAudio ? ` · ${m.voice}` : ''}</dd>
          </>
        )}
        {u && (
          <>
            <dt>{t('reply.tokensIn')}</dt>
            <dd>{formatNumber(u.promptTokens, lang)}{usageDetail(u.promptDetails, lang, t)}</dd>
            <dt>{t('reply.tokensOut')}</dt>
            <dd>{formatNumber(u.completionTokens, lang)}{usageDetail(u.completionDetails, lang, t)}</dd>
          </>
        )}
        {hasAudio && m.audio && (
          <>
            <dt>{t('reply.audioLength')}</dt>
            <dd>{t('reply.seconds', { seconds: formatSeconds(m.audio.samples, m.audio.sampleRate, lang) })}</dd>
          </>
        )}
      </dl>
      {hasAudio && <p className="details-note">{t('media.audioStaysLocal')}</p>}
    </Popover>
  );
}
