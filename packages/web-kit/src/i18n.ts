import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '@m4s/contracts';

const storageKey = 'm4s.locale';

/** zh-CN unless the user switched to English (remembered in this browser). */
export const getLocale = (): Locale => {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

export type Dictionary = Record<string, string>;
export type Messages<D extends Dictionary> = { 'zh-CN': D; en: { [K in keyof D]: string } };

type I18n<K extends string> = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The string for a key, with `{name}` placeholders filled from vars. */
  t: (key: K, vars?: Record<string, string | number>) => string;
};

const I18nContext = createContext<I18n<string> | null>(null);

const fill = (text: string, vars?: Record<string, string | number>) =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;

/** One app's i18n: its provider and a typed `useT()` over its own dictionary. */
export const createI18n = <D extends Dictionary>(messages: Messages<D>) => {
  const Provider = ({ children }: { children: ReactNode }) => {
    const [locale, setState] = useState<Locale>(getLocale);
    const setLocale = useCallback((next: Locale) => {
      globalThis.localStorage?.setItem(storageKey, next);
      document.documentElement.lang = next;
      setState(next);
    }, []);
    const value = useMemo<I18n<string>>(
      () => ({
        locale,
        setLocale,
        t: (key, vars) => fill(messages[locale][key] ?? messages['zh-CN'][key] ?? key, vars),
      }),
      [locale, setLocale],
    );
    return createElement(I18nContext.Provider, { value }, children);
  };
  const useI18n = () => useSharedI18n<Extract<keyof D, string>>();
  return { I18nProvider: Provider, useI18n };
};

/**
 * The i18n of whichever app's provider is above, for components shared between apps: K lists the keys
 * the component reads, and every app that renders it carries them in its dictionary (see mobileMessages).
 */
export const useSharedI18n = <K extends string = never>(): I18n<K> => {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside its provider');
  return value;
};
