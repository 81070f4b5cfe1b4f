// What went wrong in Live voice, in the window's words: each error the live session can bring (a Realtime
// error event, the socket dropping, a refused start, push-to-talk released too soon) as a message key of
// renderer/i18n/*/live.ts, so English and Chinese both say what happened and what to do — never a raw code,
// a parameter name or a stack. The core's ErrorInfo (electron/core/realtime/errors.ts) carries the kind, the
// code and the server's own words; the cases are told apart by those. null: not a live-specific case (a key
// refused, a quota used up…): the window's usual wording of the kind (describeError) fits it as it is.
import type { ErrorInfo } from '../../shared/domain';
import type { MessageKey, Params } from '../i18n/translate';

export interface LiveErrorWords {
  key: MessageKey;
  params: Params;
}

const say = (key: MessageKey, params: Params = {}): LiveErrorWords => ({ key, params });

/** The server's words, when they read as a sentence a person could use (not a code, not a stack). */
function serverWords(info: ErrorInfo): string | null {
  const m = info.serverMessage?.trim();
  if (!m || m.length > 200 || /\n\s*at\s|^\w+(\.\w+)+$|^[a-z_]+$/i.test(m)) return null;
  return m;
}

export function liveErrorWords(info: ErrorInfo): LiveErrorWords | null {
  const code = (info.code ?? '').toLowerCase();
  const server = info.serverMessage ?? '';
  if (code === 'live_dropped') return say('live.error.dropped');
  if (code === 'live_too_short') return say('live.error.tooShort');
  if (code === 'live_not_ready') return say('live.error.notReady');
  if (code.startsWith('close_')) return say('live.error.closed');
  // A handshake refused with an HTTP status reads like the chat API's (a key, a model): the usual wording.
  if (info.httpStatus !== null) return null;
  switch (info.kind) {
    case 'bad_request':
      if (code === 'cannot_update_voice' || code === 'voice_not_supported' || /voice '[^']*' is not supported/i.test(server)) return say('live.error.voice');
      if (/modalit/i.test(server)) return say('live.error.modalities');
      return say('live.error.setting');
    case 'server':
      return say('live.error.server');
    case 'unknown': {
      const words = serverWords(info);
      return words ? say('live.error.unknownSaid', { message: words }) : say('live.error.unknown');
    }
    case 'rate_limit':
      return say('live.error.rateLimit');
    case 'moderation':
      return say('live.error.moderation');
    case 'network':
      return code === 'shell_unreachable' ? null : say('live.error.network');
    case 'busy':
      return say('live.error.busy');
    case 'not_found':
      return /live voice session/i.test(info.message) ? say('live.error.ended') : null;
    default:
      return null;
  }
}
