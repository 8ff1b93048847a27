// @vitest-environment happy-dom
// The admin's list of plugin settings: every declared setting with type, default and current
// value, secrets only as set / not set, a plugin that declares nothing, a failure with a retry,
// and English.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { PluginSettings, configLiteral } from './pluginSettings';
import { mockFetch } from '../../test/setup';
import { loadLanguage, setLanguage } from '../../i18n';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setLanguage('de');
});

const setting = (key: string, type: string, more: Record<string, unknown>) => ({
  key, type, required: false, secret: false, default: null, value: null,
  description: { de: `Beschreibung ${key}`, en: `Description ${key}` }, ...more,
});

const listing = {
  plugins: [
    {
      name: 'files', version: '1.3.0', declares_settings: true,
      settings: [
        setting('max_file_mb', 'int', { default: 2048, value: 1 }),
        setting('dir', 'string', { default: '', value: '' }),
        setting('mirror_hosts', 'list', { default: [], value: ['a.example', 'b.example'] }),
        setting('previews', 'bool', { default: true, value: true, required: true }),
        setting('api_token', 'string', { secret: true, value: '(hidden)' }),
        setting('backup_token', 'string', { secret: true, value: null }),
      ],
    },
    { name: 'hello_c', version: '1.0.0', declares_settings: false, settings: [] },
  ],
};

const facts = (key: string) => {
  const entry = screen.getByRole('heading', { level: 4, name: key }).closest('li')!;
  const out: Record<string, string> = {};
  for (const div of entry.querySelectorAll('dl > div')) out[div.querySelector('dt')!.textContent!] = div.querySelector('dd')!.textContent!;
  return out;
};

describe('admin plugin settings', () => {
  it('lists each setting with type, default and value; secrets as set or not set', async () => {
    setLanguage('de');
    mockFetch([[/GET \/api\/admin\/plugins\/settings$/, { status: 200, body: listing }]]);
    render(<PluginSettings />);
    expect(screen.getByRole('status').textContent).toMatch(/Wird geladen|Laden/);
    const files = await screen.findByRole('region', { name: 'files 1.3.0' });
    expect(within(files).getByText(/im Abschnitt \[plugins\.files\]/)).toBeTruthy();
    expect(facts('max_file_mb')).toEqual({ Typ: 'Ganzzahl', Standardwert: '2048', 'Aktueller Wert': '1' });
    expect(facts('dir')).toMatchObject({ Typ: 'Text', Standardwert: '""' });
    expect(facts('mirror_hosts')['Aktueller Wert']).toBe('["a.example", "b.example"]');
    expect(facts('previews').Typ).toBe('Ja/Nein (true/false) · Pflichtangabe');
    expect(facts('api_token')['Aktueller Wert']).toBe('gesetzt (geheim)');
    expect(facts('backup_token')['Aktueller Wert']).toBe('nicht gesetzt (geheim)');
    expect(document.body.textContent).not.toContain('(hidden)');
    expect(within(files).getByText('Beschreibung max_file_mb')).toBeTruthy();
    const hello = screen.getByRole('region', { name: 'hello_c 1.0.0' });
    expect(hello.textContent).toContain('hello_c gibt keine Einstellungen an');
    expect(screen.getByRole('heading', { level: 2, name: 'Einstellungen der Erweiterungen' })).toBeTruthy();
  });

  it('shows a failure in words with a retry that loads again', async () => {
    setLanguage('de');
    let fail = true;
    const { calls } = mockFetch([
      [/GET \/api\/admin\/plugins\/settings$/, () => (fail ? { status: 500, body: { error: { code: 'x', message: 'Kaputt' } } } : { status: 200, body: { plugins: [] } })],
    ]);
    render(<PluginSettings />);
    expect((await screen.findByRole('alert')).textContent).toContain('Die Einstellungen der Erweiterungen konnten nicht geladen werden.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: /Erneut versuchen/ }));
    await screen.findByText('Es sind keine Erweiterungen aktiviert.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.length).toBe(2);
  });

  it('speaks English, descriptions included', async () => {
    await loadLanguage('en');
    mockFetch([[/GET \/api\/admin\/plugins\/settings$/, { status: 200, body: listing }]]);
    render(<PluginSettings />);
    await screen.findByRole('region', { name: 'files 1.3.0' });
    expect(facts('max_file_mb')).toEqual({ Type: 'Integer', Default: '2048', 'Current value': '1' });
    expect(screen.getByText('Description max_file_mb')).toBeTruthy();
    expect(facts('api_token')['Current value']).toBe('set (secret)');
    expect(configLiteral(['x', 2, false])).toBe('["x", 2, false]');
  });
});
