// Translations: German first, English second. Every visible string of the shell lives in
// de.json / en.json; plugins add theirs with shell.addTranslations(). The language follows
// the person's setting, then the browser, then the municipality's default.
// German is part of the first page; every other dictionary is a chunk of its own, loaded when
// that language is chosen (loadLanguage), so the first page carries one dictionary only.
import { signal } from '@preact/signals';
import de from './de.json';

type Dict = Record<string, string>;
const dictionaries: Record<string, Dict> = { de: { ...de } };
/** The core's dictionaries that are here (a plugin's entries alone do not make a language usable). */
const loaded = new Set(['de']);
const loaders: Record<string, () => Promise<{ default: Dict }>> = { en: () => import('./en.json') };
let current = 'de';
/**
 * The language as a signal: t() reads it, so every component that shows a translated string
 * renders again when the language changes (a component is otherwise skipped when its props
 * did not change).
 */
export const languageSignal = signal('de');
const listeners = new Set<() => void>();

export function addTranslations(language: string, entries: Dict): void {
  dictionaries[language] = { ...(dictionaries[language] ?? {}), ...entries };
}

export function language(): string {
  void languageSignal.value;
  return current;
}

/** The languages the UI has a dictionary for (loaded or loadable). */
export function knownLanguages(): string[] {
  return ['de', ...Object.keys(loaders)];
}

/** Loads the language's dictionary if needed, then switches to it (German when it cannot be loaded). */
export async function loadLanguage(lang: string): Promise<void> {
  if (!loaded.has(lang) && loaders[lang]) {
    try {
      const dict = (await loaders[lang]()).default;
      // Entries plugins added before the dictionary arrived stay (theirs win for their keys).
      dictionaries[lang] = { ...dict, ...(dictionaries[lang] ?? {}) };
      loaded.add(lang);
    } catch {
      // The chunk could not be loaded (offline): German stays, nothing breaks.
    }
  }
  setLanguage(lang);
}

/** Switches to a language whose dictionary is loaded; otherwise to German. */
export function setLanguage(lang: string): void {
  current = loaded.has(lang) ? lang : 'de';
  languageSignal.value = current;
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  for (const l of listeners) l();
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translate key; {name} placeholders are filled from params. Missing keys fall back to German, then the key. */
export function t(key: string, params?: Record<string, string | number>): string {
  void languageSignal.value; // subscribes the rendering component
  const text = dictionaries[current]?.[key] ?? dictionaries.de?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A counted text: "<key>.one" when count is 1 and the dictionary has it ("1 ungelesene
 * Nachricht"), otherwise "<key>" ("3 ungelesene Nachrichten"); {count} is filled in.
 */
export function tn(key: string, count: number, params: Record<string, string | number> = {}): string {
  const all = { ...params, count };
  if (count === 1) {
    const one = `${key}.one`;
    if (dictionaries[current]?.[one] ?? dictionaries.de?.[one]) return t(one, all);
  }
  return t(key, all);
}

/**
 * Choose the language: the person's setting if offered, then the browser's preferences
 * (exact tag, then the primary subtag), then the default.
 */
export function pickLanguage(
  userSetting: string | undefined | null,
  browser: readonly string[],
  offered: readonly string[],
  fallback: string,
): string {
  const available = offered.filter((l) => knownLanguages().includes(l) || l === fallback);
  if (userSetting && available.includes(userSetting)) return userSetting;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (available.includes(lower)) return lower;
    const primary = lower.split('-')[0];
    if (available.includes(primary)) return primary;
  }
  return available.includes(fallback) ? fallback : (available[0] ?? 'de');
}

/** Names of the languages in their own language, for the switcher. */
export const languageNames: Record<string, string> = { de: 'Deutsch', en: 'English' };

export function formatDate(ms: number): string {
  void languageSignal.value;
  try {
    return new Intl.DateTimeFormat(current === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString();
  }
}

/** A count as people read it here: 1.234 in German, 1,234 in English. */
export function formatNumber(n: number): string {
  void languageSignal.value;
  return new Intl.NumberFormat(current === 'de' ? 'de-DE' : 'en-GB').format(n);
}
