// The rules of shared/rules.ts shown in the composer before sending: what the API would refuse with the
// conversation's settings, the draft's attachments and its size against the model's input limit, in the
// user's language, with a button for each fix. Send stays off until they are fixed; the core checks the
// same rules again before the request leaves.
import { DEFAULT_MODEL, findModel, voiceForModel } from '../../shared/catalog';
import { checkSettings, fillRule, type RuleFix, type RuleProblem } from '../../shared/rules';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useStore, useTurnSettings } from '../state/store-hooks';

export function useSettingsProblems(): RuleProblem[] {
  return checkSettings(useTurnSettings());
}

/** A rule's parameters in the reader's words: a kind ("audio") is translated, the rest is as the rule gave it. */
function ruleParams(p: RuleProblem, t: Translate): Record<string, string | number> {
  const out = { ...p.params };
  for (const k of ['kind', 'otherKind'] as const) {
    const v = out[k];
    if (v === 'image' || v === 'audio' || v === 'video') out[k] = t(`media.kind.${v}`);
  }
  return out;
}

export interface SendRulesProps {
  problems: readonly RuleProblem[];
  /** The composer's own fixes: sending with the earliest turns left out. */
  onLeaveOutOldTurns: () => void;
}

export function SendRules({ problems, onLeaveOutOldTurns }: SendRulesProps) {
  const store = useStore();
  const { t } = useI18n();
  const settings = useTurnSettings();
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
      case 'fitAttachment':
        return t(`rules.fix.${fix}`, { name: String(p.params.name ?? '') });
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
      case 'fitAttachment': {
        const room = Number(p.params.room);
        if (p.attachmentId && room > 0) void store.attachments.setOptions(p.attachmentId, { maxTokens: Math.floor(room) });
        break;
      }
      case 'leaveOutOldTurns': onLeaveOutOldTurns(); break;
      case 'newConversation': store.conversation.startNew(); break;
    }
  };

  return (
    <div className="send-rules" role="alert">
      <p className="send-rules-title">{t('rules.title')}</p>
      {problems.map((p) => (
        <div key={p.code + (p.attachmentId ?? '')} className="send-rule" data-rule={p.code}>
          <p>{fillRule(t(`rules.${p.code}` as MessageKey), ruleParams(p, t))}</p>
          {p.fixes.length > 0 && (
            <div className="send-rules-fixes">
              {p.fixes.map((fix) => (
                <button key={fix} type="button" className="button button-small" onClick={() => apply(fix, p)}>
                  {fixLabel(fix, p)}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
