// @vitest-environment happy-dom
// The admin's list of plugins and their settings: each plugin with version, description and
// whether its UI loaded; every declared setting with type, default and current value, secrets
// only as set / not set, a plugin that declares nothing, a failure with a retry, and English.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { AdminPlugins, configLiteral } from './PluginSettings';
import { setState } from '../../store';
import { registry } from '../../plugins';
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

const meta = (plugins: { name: string; version: string; description?: string; ui: string | null }[]) =>
  setState({ meta: { municipality: { name: 'Teststadt' }, languages: ['de', 'en'], default_language: 'de', plugins } } as never);

describe('admin plugin settings', () => {
  it('lists each setting with type, default and value; secrets as set or not set', async () => {
    setLanguage('de');
    meta([{ name: 'files', version: '1.3.0', description: 'Ordner und Dokumente / Folders and documents', ui: '/plugins/files/ui.js' }, { name: 'hello_c', version: '1.0.0', ui: null }]);
    registry.failed.push({ name: 'files', reason: 'Syntaxfehler' });
    mockFetch([[/GET \/api\/admin\/plugins\/settings$/, { status: 200, body: listing }]]);
    render(<AdminPlugins />);
    expect(screen.getByRole('status').textContent).toMatch(/Wird geladen|Laden/);
    const files = await screen.findByRole('region', { name: 'files' });
    expect(within(files).getByText('Ordner und Dokumente')).toBeTruthy(); // the reader's half
    const pluginFacts = [...files.querySelectorAll(':scope > dl > div')].map((d) => d.textContent);
    expect(pluginFacts).toEqual(['Version1.3.0', 'Oberflächekonnte nicht geladen werden: Syntaxfehler']);
    registry.failed.length = 0;
    expect(within(files).getByText(/im Abschnitt \[plugins\.files\]/)).toBeTruthy();
    expect(facts('max_file_mb')).toEqual({ Typ: 'Ganzzahl', Standardwert: '2048', 'Aktueller Wert': '1' });
    expect(facts('dir')).toMatchObject({ Typ: 'Text', Standardwert: '""' });
    expect(facts('mirror_hosts')['Aktueller Wert']).toBe('["a.example", "b.example"]');
    expect(facts('previews').Typ).toBe('Ja/Nein (true/false) · Pflichtangabe');
    expect(facts('api_token')['Aktueller Wert']).toBe('gesetzt (geheim)');
    expect(facts('backup_token')['Aktueller Wert']).toBe('nicht gesetzt (geheim)');
    expect(document.body.textContent).not.toContain('(hidden)');
    expect(within(files).getByText('Beschreibung max_file_mb')).toBeTruthy();
    const hello = screen.getByRole('region', { name: 'hello_c' });
    expect(hello.textContent).toContain('hello_c gibt keine Einstellungen an');
    expect(hello.textContent).toContain('keine eigene Oberfläche');
    expect(screen.getByRole('heading', { level: 2, name: 'Aktivierte Erweiterungen' })).toBeTruthy();
  });

  it('shows a failure in words with a retry that loads again; the plugins stay listed meanwhile', async () => {
    setLanguage('de');
    meta([{ name: 'groups', version: '1.0.0', ui: null }]);
    let fail = true;
    const { calls } = mockFetch([
      [/GET \/api\/admin\/plugins\/settings$/, () => (fail ? { status: 500, body: { error: { code: 'x', message: 'Kaputt' } } } : { status: 200, body: { plugins: [] } })],
    ]);
    render(<AdminPlugins />);
    expect((await screen.findByRole('alert')).textContent).toContain('Die Einstellungen der Erweiterungen konnten nicht geladen werden.');
    expect(screen.getByRole('region', { name: 'groups' })).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: /Erneut versuchen/ }));
    await screen.findByText('Es sind keine Erweiterungen aktiviert.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.length).toBe(2);
  });

  it('speaks English, descriptions included', async () => {
    await loadLanguage('en');
    meta([]);
    mockFetch([[/GET \/api\/admin\/plugins\/settings$/, { status: 200, body: listing }]]);
    render(<AdminPlugins />);
    await screen.findByRole('region', { name: 'files' });
    expect(facts('max_file_mb')).toEqual({ Type: 'Integer', Default: '2048', 'Current value': '1' });
    expect(screen.getByText('Description max_file_mb')).toBeTruthy();
    expect(facts('api_token')['Current value']).toBe('set (secret)');
    expect(configLiteral(['x', 2, false])).toBe('["x", 2, false]');
  });
});
