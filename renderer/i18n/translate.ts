// Typed translation: t('key', {param}) in a language. English is the source and the fallback; the
// accessible names of the UI contract are its English entries. A plural message picks its form by the
// `count` param (see messages.ts). No React here, so the tests run it in Node.
import { MAX_DRAFT_ATTACHMENTS } from '../../shared/defaults';
import type { ErrorInfo, Language } from '../../shared/domain';
import { noteParams } from '../../shared/media-note-text';
import type { MediaNote } from '../../shared/media-notes';
import { formatBytes, formatNumber } from './format';
import { en, type Dictionary, type MessageKey } from './en';
import { isPlural, type Message } from './messages';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const dictionaries: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

const translators = new Map<Language, Translate>();

export function translator(lang: Language): Translate {
  const known = translators.get(lang);
  if (known) return known;
  const dict = dictionaries[lang] ?? en;
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const t: Translate = (key, params) => {
    const message: Message = dict[key] ?? en[key];
    let text: string;
    if (isPlural(message)) {
      // The form for the count, and the count written as the language writes numbers ("1,234").
      const count = params?.count;
      const n = typeof count === 'number' ? count : Number.NaN;
      text = (Number.isFinite(n) ? message[plurals.select(n)] : undefined) ?? message.other;
      if (Number.isFinite(n)) params = { ...params, count: numbers.format(n) };
    } else {
      text = message;
    }
    if (!params) return text;
    const p = params;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in p ? String(p[name]) : whole));
  };
  translators.set(lang, t);
  return t;
}

/** What the core said of a file (a code with parameters, shared/media-notes.ts), in the reader's language. */
export function wordNote(n: MediaNote, lang: Language, t: Translate): string {
  const params = noteParams(n, (key) => t(key as MessageKey), { bytes: (b) => formatBytes(b, lang), number: (v) => formatNumber(v, lang) });
  return t(`media.${n.code}` as MessageKey, params);
}

/**
 * A sentence for the user about a failure. One that carries a note (a code with parameters) is worded from
 * it in any language; otherwise the core's English message is the most specific, so English shows it as is
 * and other languages explain the kind in their own words.
 */
export function describeError(info: ErrorInfo, lang: Language, t: Translate): string {
  if (info.note) return wordNote(info.note, lang, t);
  if (lang === 'en') return info.message;
  if (info.code === 'draft_full') return t('attach.full', { max: MAX_DRAFT_ATTACHMENTS });
  if (info.kind === 'invalid_input') return t('error.invalid_input', { detail: info.message });
  // The page lost the browser shell, not the API: error.network would send the user to the region setting.
  if (info.kind === 'network' && info.code === 'shell_unreachable') return t('error.shellUnreachable');
  // A saved key the keyring would not give back (core/keys.ts): kept and retried, or dropped for good.
  if (info.code === 'keyring_unavailable') return t('error.keyringUnavailable');
  if (info.code === 'key_unreadable') return t('error.keyUnreadable');
  // A full disk: what could not be written (a message, a reply, anything else) and the folder, by name.
  if (info.kind === 'disk_full') {
    const key = info.code === 'disk_full_send' ? 'error.disk_full_send' : info.code === 'disk_full_reply' ? 'error.disk_full_reply' : 'error.disk_full';
    return t(key, { folder: info.folder ?? '' });
  }
  // A content check that stops a reply partway comes as an error frame in the stream, with no HTTP status.
  const base = info.kind === 'moderation' && info.httpStatus === null ? t('error.moderation_reply') : t(`error.${info.kind}`);
  if (!SHOWS_SERVER_WORDS.has(info.kind)) return base;
  // Unexplained refusals: the server's own words and the request id are what support can go on.
  const extra = [
    info.serverMessage ? t('error.serverSaid', { message: info.serverMessage }) : null,
    info.requestId ? t('error.requestId', { id: info.requestId }) : null,
  ].filter((x): x is string => x !== null);
  return [base, ...extra].join(' ');
}

const SHOWS_SERVER_WORDS: ReadonlySet<ErrorInfo['kind']> = new Set(['unknown', 'bad_request', 'media_refused', 'server']);
