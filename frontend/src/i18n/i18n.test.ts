import { describe, expect, it, vi } from 'vitest';
import de from './de.json';
import en from './en.json';
import { pickLanguage, t, tn, setLanguage, loadLanguage } from './index';
import { matchPath } from '../router';

describe('translations', () => {
  it('German and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });
  it('no empty strings', () => {
    for (const [k, v] of [...Object.entries(de), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });
  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(de)) expect(names((en as Record<string, string>)[k]), k).toEqual(names((de as Record<string, string>)[k]));
  });
  it('fills placeholders and falls back to the key', async () => {
    await loadLanguage('en');
    expect(t('search.count', { count: 3 })).toBe('3 results');
    expect(t('no.such.key')).toBe('no.such.key');
    setLanguage('de');
    expect(t('search.count', { count: 3 })).toBe('3 Treffer');
  });
});

describe('counted texts', () => {
  it('uses the .one form for exactly one, the plain key otherwise', async () => {
    setLanguage('de');
    expect(tn('messages.unread', 1)).toBe('1 ungelesene Nachricht');
    expect(tn('messages.unread', 3)).toBe('3 ungelesene Nachrichten');
    await loadLanguage('en');
    expect(tn('messages.unread', 1)).toBe('1 unread message');
    expect(tn('messages.unread', 0)).toBe('0 unread messages');
    // Without a .one form the plain key serves every count.
    expect(tn('search.count', 1)).toBe(t('search.count', { count: 1 }));
    setLanguage('de');
  });
});

describe('dictionaries', () => {
  it('loads English only when chosen; plugin entries added before stay', async () => {
    vi.resetModules();
    const i18n = await import('./index');
    i18n.addTranslations('en', { 'plugin.key': 'Plugin text' });
    i18n.setLanguage('en');
    expect(i18n.language()).toBe('de');
    await i18n.loadLanguage('en');
    expect(i18n.language()).toBe('en');
    expect(i18n.t('plugin.key')).toBe('Plugin text');
    expect(i18n.t('search.count', { count: 2 })).toBe('2 results');
  });
});

describe('language choice', () => {
  it('prefers the person setting, then the browser, then the default', () => {
    expect(pickLanguage('en', ['de-DE'], ['de', 'en'], 'de')).toBe('en');
    expect(pickLanguage('', ['en-GB', 'de'], ['de', 'en'], 'de')).toBe('en');
    expect(pickLanguage(null, ['fr-FR', 'de-AT'], ['de', 'en'], 'de')).toBe('de');
    expect(pickLanguage(null, ['fr'], ['de', 'en'], 'en')).toBe('en');
    expect(pickLanguage('fr', [], ['de', 'en'], 'de')).toBe('de');
  });
});

describe('routes', () => {
  it('matches parameters and wildcards', () => {
    expect(matchPath('/content/:id', '/content/42')).toEqual({ id: '42' });
    expect(matchPath('/content/:id', '/content')).toBeNull();
    expect(matchPath('/p/groups/*', '/p/groups/a/b')).toEqual({ '*': 'a/b' });
    expect(matchPath('/settings', '/search')).toBeNull();
  });
});

import { pickMessage } from '../api';
describe('server messages in two languages', () => {
  it('shows the half in the reader language', () => {
    const m = 'Diese Adresse gibt es nicht. / There is nothing at this address.';
    expect(pickMessage(m, 'de')).toBe('Diese Adresse gibt es nicht.');
    expect(pickMessage(m, 'en')).toBe('There is nothing at this address.');
    expect(pickMessage('Nur Deutsch hier.', 'en')).toBe('Nur Deutsch hier.');
    expect(pickMessage('a / b / c', 'en')).toBe('a / b / c');
  });
});
