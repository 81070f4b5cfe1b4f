// Typed translation: t('key', {param}) in the language chosen in Settings. English is the source and
// the fallback; the accessible names of the UI contract are its English entries.
import { createContext, useContext, type ReactNode } from 'react';
import type { ErrorInfo, Language } from '../../shared/domain';
import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const dictionaries: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

export function translator(lang: Language): Translate {
  const dict = dictionaries[lang] ?? en;
  return (key, params) => {
    const text = dict[key] ?? en[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/**
 * A sentence for the user about a failure. The core's English message is the most specific, so English
 * shows it as is; other languages explain the kind in their own words.
 */
export function describeError(info: ErrorInfo, lang: Language, t: Translate): string {
  if (lang === 'en') return info.message;
  if (info.kind === 'invalid_input') return t('error.invalid_input', { detail: info.message });
  // The page lost the browser shell, not the API: error.network would send the user to the region setting.
  if (info.kind === 'network' && info.code === 'shell_unreachable') return t('error.shellUnreachable');
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

export interface I18n {
  lang: Language;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en') });

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  return <I18nContext.Provider value={{ lang, t: translator(lang) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
