// The rules of shared/rules.ts shown in the composer before sending: what the API would refuse with the
// conversation's settings (and the draft's attachments, as far as the window knows them), in the user's
// language, with a button for each fix. Send stays off until they are fixed; the core checks the same
// rules again before the request leaves.
import { DEFAULT_MODEL, findModel, voiceForModel } from '../../shared/catalog';
import { checkSettings, fillRule, type RuleFix, type RuleProblem } from '../../shared/rules';
import { useI18n, type MessageKey } from '../i18n';
import { useStore, useTurnSettings } from '../state/store-hooks';

export function useSendProblems(): RuleProblem[] {
  return checkSettings(useTurnSettings());
}

export function SendRules() {
  const store = useStore();
  const { t } = useI18n();
  const settings = useTurnSettings();
  const problems = checkSettings(settings);
  if (problems.length === 0) return null;

  const fixLabel = (fix: RuleFix, p: RuleProblem): string => {
    switch (fix) {
      case 'pickVoice': {
        const id = voiceForModel(settings.model, settings.voice);
        return t('rules.fix.pickVoice', { voice: findModel(settings.model)?.voices.find((v) => v.id === id)?.label ?? id });
      }
      case 'pickModel':
        return t('rules.fix.pickModel', { model: findModel(DEFAULT_MODEL)?.label ?? DEFAULT_MODEL });
      case 'removeAttachment':
        return t('rules.fix.removeAttachment', { name: String(p.params.name ?? '') });
      default:
        return t(`rules.fix.${fix}`);
    }
  };

  const apply = (fix: RuleFix, p: RuleProblem): void => {
    switch (fix) {
      case 'turnOffSpeak': void store.conversationSettings.change({ speakReplies: false }); break;
      case 'turnOffThinking': void store.conversationSettings.change({ thinking: false }); break;
      case 'removeSystemPrompt': void store.conversationSettings.change({ systemPrompt: '' }); break;
      case 'pickVoice': void store.conversationSettings.change({ voice: voiceForModel(settings.model, settings.voice) }); break;
      case 'pickModel': void store.conversationSettings.change({ model: DEFAULT_MODEL as never }); break;
      case 'removeAttachment': if (p.attachmentId) void store.attachments.remove(p.attachmentId); break;
    }
  };

  return (
    <div className="send-rules" role="alert">
      <p className="send-rules-title">{t('rules.title')}</p>
      {problems.map((p) => (
        <div key={p.code + (p.attachmentId ?? '')} className="send-rule" data-rule={p.code}>
          <p>{fillRule(t(`rules.${p.code}` as MessageKey), p.params)}</p>
          <div className="send-rules-fixes">
            {p.fixes.map((fix) => (
              <button key={fix} type="button" className="button button-small" onClick={() => apply(fix, p)}>
                {fixLabel(fix, p)}
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
