// @vitest-environment happy-dom
// The admin legal page must never open its editor on text it did not load: a publish from an
// empty editor would replace the real imprint.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { AdminLegalPage } from './legal';
import { mockFetch } from '../../test/setup';
import { setLanguage } from '../../i18n';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('admin legal page', () => {
  setLanguage('de');

  it('after a failed load shows the failure and no editor; the retry opens the real text', async () => {
    let fail = true;
    const { calls } = mockFetch([
      [/GET \/api\/legal\/imprint/, () => (fail ? { status: 500, body: { error: { code: 'x', message: 'Kaputt' } } } : { status: 200, body: { kind: 'imprint', version: 3, body: 'Rathausplatz 1' } })],
    ]);
    render(<AdminLegalPage />);
    await screen.findByText(/Der bisherige Text konnte nicht geladen werden/);
    expect(screen.queryByLabelText('Inhalt')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Neue Version veröffentlichen' })).toBeNull();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: /Erneut versuchen/ }));
    const editor = (await screen.findByLabelText('Inhalt')) as HTMLTextAreaElement;
    expect(editor.value).toBe('Rathausplatz 1');
    expect(calls.filter((c) => c.startsWith('PUT'))).toEqual([]);
  });

  it('when nothing is published yet (404) opens an empty editor that says so', async () => {
    mockFetch([[/GET \/api\/legal\/imprint/, { status: 404, body: { error: { code: 'not_found', message: 'Nicht gefunden' } } }]]);
    render(<AdminLegalPage />);
    const editor = (await screen.findByLabelText('Inhalt')) as HTMLTextAreaElement;
    expect(editor.value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('publishes what the editor holds and shows the new version', async () => {
    const { fn } = mockFetch([
      [/GET \/api\/legal\/imprint/, { status: 200, body: { kind: 'imprint', version: 1, body: 'Alt' } }],
      [/PUT \/api\/admin\/legal\/imprint/, { status: 200, body: { kind: 'imprint', version: 2, body: 'Neu' } }],
    ]);
    render(<AdminLegalPage />);
    const editor = (await screen.findByLabelText('Inhalt')) as HTMLTextAreaElement;
    fireEvent.input(editor, { target: { value: 'Neu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Neue Version veröffentlichen' }));
    await waitFor(() => expect(screen.getByText(/Version 2/)).toBeTruthy());
    const put = fn.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ body: 'Neu' });
  });
  it('switching to another text never shows the previous one in the editor, not even for one render', async () => {
    mockFetch([
      [/GET \/api\/legal\/imprint/, { status: 200, body: { kind: 'imprint', version: 1, body: 'Rathausplatz 1' } }],
      [/GET \/api\/legal\/privacy/, { status: 404, body: { error: { code: 'not_found', message: 'Nicht gefunden' } } }],
    ]);
    render(<AdminLegalPage />);
    expect(((await screen.findByLabelText('Inhalt')) as HTMLTextAreaElement).value).toBe('Rathausplatz 1');
    // Every editor that appears on the way, however briefly: a MutationObserver sees them all.
    const shown: string[] = [];
    const collect = (records: MutationRecord[]) => {
      for (const n of records.flatMap((r) => [...r.addedNodes]))
        if (n instanceof Element)
          for (const el of [...(n.matches('textarea') ? [n] : []), ...n.querySelectorAll('textarea')])
            shown.push((el as HTMLTextAreaElement).value);
    };
    const observer = new MutationObserver(collect);
    observer.observe(document.body, { childList: true, subtree: true });
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'privacy' } });
    await waitFor(() => expect(screen.getByText('Noch nicht veröffentlicht.')).toBeTruthy());
    collect(observer.takeRecords());
    observer.disconnect();
    expect(shown).not.toContain('Rathausplatz 1');
    expect(((await screen.findByLabelText('Inhalt')) as HTMLTextAreaElement).value).toBe('');
  });
});
