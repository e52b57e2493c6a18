/**
 * Language for the UI: Danish first, English as the second language.
 * Strings stay beside the component that shows them: `t('Tilføj aktivitet', 'Add activity')`.
 * Numbers and dates are always written the Danish way (da-DK), whatever the language.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'da' | 'en';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Picks the Danish or English text. */
  t: (da: string, en: string) => string;
}

const STORAGE_KEY = 'forandringskort.lang';

function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'da' || stored === 'en') return stored;
  } catch {
    // storage may be blocked; Danish is the default
  }
  return 'da';
}

const I18nContext = createContext<I18n>({ lang: 'da', setLang: () => {}, t: (da) => da });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (da, en) => (lang === 'en' ? en : da) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The one Danish formatter of model/format.ts: 1.234,5 · 23.11.2026 · 23.11.2026 14.05, whatever the language. */
export { countOf, formatDanishDate as formatDate, formatDanishDateTime as formatDateTime, formatDanishNumber as formatNumber } from '../model/format.ts';
