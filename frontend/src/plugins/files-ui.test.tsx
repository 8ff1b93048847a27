// @vitest-environment happy-dom
// The bundled files UI on the shell's upload helper (API 3): each file gets a progress bar, a
// refused file says why (the server's words), "Hochladen abbrechen" cancels the file being sent
// and skips the rest, and deleting asks in the kit's dialog first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { makeShell } from './shell';
import { findRoute } from '../routes/registry';
import { setLanguage } from '../i18n';
import { setState } from '../store';
import { mockFetch } from '../test/setup';
import { FakeXhr } from '../test/fakeXhr';
import { Slot } from './slots';
// @ts-expect-error: a plain ES module without types, as plugin authors ship them
import { register } from '../../../plugins/files/ui/ui.js';
import { testUser, testPlugin } from '../test/fixtures';

beforeEach(() => {
  FakeXhr.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const folder = (items: unknown[] = []) => ({
  space: { kind: 'person', id: 1, name: 'Anna', can_write: true },
  path: [],
  usage: { used_bytes: 0, trash_bytes: 0, quota_bytes: 0 },
  limits: { max_file_bytes: 2048 * 1024 * 1024, allowed_types: ['application/pdf', 'image/*'] },
  items,
});

describe('files UI on shell API 3', () => {
  setLanguage('de');
  setState({ user: testUser({ id: 1, display_name: 'Anna', role: 'resident' }) });
  register(makeShell(testPlugin('files')));
  const page = (path: string) => {
    const found = findRoute(path)!;
    return found.route.render({ params: found.params, query: new URLSearchParams(), path, user: null });
  };
  const choose = (files: File[]) => {
    const input = screen.getByLabelText('Dateien auswählen') as HTMLInputElement;
    Object.defineProperty(input, 'files', { configurable: true, value: files });
    fireEvent.change(input);
  };
  const bar = (name: string) => screen.getByRole('progressbar', { name: `Fortschritt für ${name}` }) as HTMLProgressElement;

  it('uploads one file after the other with progress; a refused one says why', async () => {
    mockFetch([
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: folder() }],
      [/GET \/api\/p\/files\/spaces\/person\/1\/trash$/, { status: 200, body: { items: [] } }],
    ]);
    render(<>{page('/files/person/1')}</>);
    await screen.findByText('Dieser Ordner ist leer.');
    choose([new File(['Protokoll'], 'Protokoll.txt', { type: 'text/plain' }), new File(['MZ'], 'setup.exe')]);
    fireEvent.click(screen.getByRole('button', { name: 'Hochladen' }));
    await waitFor(() => expect(FakeXhr.all.length).toBe(1));
    const first = FakeXhr.last();
    expect(first.url).toBe('/api/p/files/spaces/person/1/files?name=Protokoll.txt&folder=0');
    expect(first.headers['Content-Type']).toBe('application/octet-stream');
    first.progress(4, 9);
    await waitFor(() => expect(bar('Protokoll.txt').value).toBeCloseTo(4 / 9));
    screen.getByRole('button', { name: 'Hochladen abbrechen' });
    first.respond(201, { id: 3, name: 'Protokoll.txt' });
    await waitFor(() => expect(FakeXhr.all.length).toBe(2));
    expect(bar('Protokoll.txt').value).toBe(1);
    FakeXhr.last().respond(415, { error: { code: 'upload_unsupported_type', message: 'Programme werden nicht angenommen. / Programs are not accepted.' } });
    expect((await screen.findByRole('alert')).textContent).toBe('setup.exe: Programme werden nicht angenommen.');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Hochladen abbrechen' })).toBeNull());
  });

  it('does not send a file over the size limit and names the limit', async () => {
    mockFetch([
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: { ...folder(), limits: { max_file_bytes: 1024 * 1024, allowed_types: [] } } }],
      [/GET \/api\/p\/files\/spaces\/person\/1\/trash$/, { status: 200, body: { items: [] } }],
    ]);
    render(<>{page('/files/person/1')}</>);
    await screen.findByText(/^Höchstens 1\.0 MB je Datei\./);
    choose([new File(['x'.repeat(1024 * 1024 + 1)], 'Scan.pdf'), new File(['b'], 'klein.txt')]);
    fireEvent.click(screen.getByRole('button', { name: 'Hochladen' }));
    await waitFor(() => expect(FakeXhr.all.length).toBe(1));
    expect(FakeXhr.last().url).toBe('/api/p/files/spaces/person/1/files?name=klein.txt&folder=0');
    expect((await screen.findByRole('alert')).textContent).toBe('Scan.pdf: zu groß, höchstens 1 MB je Datei; nicht gesendet.');
  });

  it('names held-back and blocked files without a download link', async () => {
    const file = (id: number, name: string, scan: string) => ({ id, kind: 'file', name, parent_id: 0, owner_id: 1, created_at: 1, updated_at: 1, bytes: 5, mime: 'text/plain', sha256: 'ab', preview: false, scan });
    mockFetch([
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: folder([file(1, 'neu.txt', 'pending'), file(2, 'virus.txt', 'blocked'), file(3, 'gut.txt', 'clean')]) }],
      [/GET \/api\/p\/files\/spaces\/person\/1\/trash$/, { status: 200, body: { items: [] } }],
    ]);
    render(<>{page('/files/person/1')}</>);
    await screen.findByText(/^In Prüfung: /);
    expect(screen.getByText(/^Blockiert: /)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Herunterladen: neu.txt' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Herunterladen: virus.txt' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Herunterladen: gut.txt' })).toBeTruthy();
  });

  it('cancels the file being sent and skips the rest', async () => {
    mockFetch([
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: folder() }],
      [/GET \/api\/p\/files\/spaces\/person\/1\/trash$/, { status: 200, body: { items: [] } }],
    ]);
    render(<>{page('/files/person/1')}</>);
    await screen.findByText('Dieser Ordner ist leer.');
    choose([new File(['a'.repeat(100)], 'gross.pdf'), new File(['b'], 'klein.txt')]);
    fireEvent.click(screen.getByRole('button', { name: 'Hochladen' }));
    await waitFor(() => expect(FakeXhr.all.length).toBe(1));
    FakeXhr.last().progress(10, 100);
    fireEvent.click(await screen.findByRole('button', { name: 'Hochladen abbrechen' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      'gross.pdf: Das Hochladen wurde abgebrochen.',
      'klein.txt: nicht gesendet, weil das Hochladen abgebrochen wurde.',
    ]);
    expect(FakeXhr.all.length).toBe(1);
    expect(FakeXhr.all[0].aborted).toBe(true);
  });

  it('adds a section to the settings page with the space used and the way to it', async () => {
    mockFetch([
      [/GET \/api\/p\/files\/spaces$/, { status: 200, body: { spaces: [{ kind: 'group', id: 3, name: 'Garten' }, { kind: 'person', id: 1, name: 'Anna' }] } }],
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: { ...folder(), usage: { used_bytes: 3 * 1024 * 1024, trash_bytes: 0, quota_bytes: 50 * 1024 * 1024 } } }],
    ]);
    render(<Slot name="settings.sections" context={{ user: { id: 1 } }} />);
    const section = screen.getByRole('region', { name: 'Dateien und Speicherplatz' });
    await waitFor(() => expect(section.textContent).toContain('Belegt: 3.0 MB von 50.0 MB'));
    expect(screen.getByRole('link', { name: 'Meine Dateien öffnen' }).getAttribute('href')).toBe('/files/person/1');
  });

  it('asks in a dialog before deleting a file', async () => {
    const { calls } = mockFetch([
      [/GET \/api\/p\/files\/spaces\/person\/1\?folder=0$/, { status: 200, body: folder([{ id: 4, kind: 'file', name: 'Plan.pdf', bytes: 2048 }]) }],
      [/GET \/api\/p\/files\/spaces\/person\/1\/trash$/, { status: 200, body: { items: [] } }],
      [/DELETE \/api\/p\/files\/items\/4$/, { status: 204 }],
    ]);
    render(<>{page('/files/person/1')}</>);
    const trigger = await screen.findByRole('button', { name: 'Löschen Plan.pdf' });
    const dialog = document.querySelector('dialog')!;
    dialog.showModal = vi.fn(() => dialog.setAttribute('open', ''));
    dialog.close = vi.fn(() => dialog.removeAttribute('open'));
    fireEvent.click(trigger);
    expect(dialog.textContent).toContain('Plan.pdf wirklich löschen?');
    expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
    fireEvent.click(dialog.querySelector('button.button-danger')!);
    await waitFor(() => expect(calls).toContain('DELETE /api/p/files/items/4'));
  });
});
