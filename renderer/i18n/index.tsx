// The interface language for React: the provider and useI18n(), over translate.ts (t(), plurals, error
// sentences), which is re-exported so the app imports everything i18n from here.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../shared/domain';
import { translator, type Translate } from './translate';

export * from './translate';

export interface I18n {
  lang: Language;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en') });

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
