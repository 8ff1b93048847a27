// @vitest-environment happy-dom
// The kit's comments (shell API 3): the list with author and time, writing one (and an empty
// one refused before sending), the count in the heading, deleting one's own. The answers have
// the contract's shape ({items, next_after}), as the server sends them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Comments } from './Comments';
import { kit } from '../index';
import { mockFetch } from '../../test/setup';
import { setLanguage } from '../../i18n';
import { setState } from '../../store';
import { testUser } from '../../test/fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ben = { id: 2, display_name: 'Ben' };
const anna = { id: 1, display_name: 'Anna' };

describe('kit Comments', () => {
  setLanguage('de');
  setState({ user: testUser({ id: 1, display_name: 'Anna', role: 'resident' }) });

  it('lists the comments with author and time, and adds a written one', async () => {
    const added = vi.fn();
    const { calls } = mockFetch([
      [/GET \/api\/content\/5\/comments\?limit=50$/, { status: 200, body: { items: [{ id: 11, body: 'Ich komme mit.', author: ben, created_at: Date.UTC(2026, 5, 1, 10) }], next_after: null } }],
      [/POST \/api\/content\/5\/comments$/, { status: 201, body: { id: 12, body: 'Schön!', author: anna, created_at: Date.UTC(2026, 5, 1, 11) } }],
    ]);
    // What plugins get: the same component, loaded when first shown.
    render(<kit.Comments itemId={5} count={1} onAdded={added} />);
    const first = await screen.findByText('Ich komme mit.');
    const entry = first.closest('li')!;
    expect(within(entry).getByText('Ben')).toBeTruthy();
    expect(entry.querySelector('time')?.getAttribute('datetime')).toBe('2026-06-01T10:00:00.000Z');
    expect(entry.querySelector('details.report summary')?.textContent).toBe('Kommentar melden');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/1/);

    fireEvent.click(screen.getByRole('button', { name: 'Kommentar senden' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Bitte schreiben Sie zuerst einen Kommentar.');
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);

    fireEvent.input(screen.getByLabelText('Ihr Kommentar'), { target: { value: ' Schön! ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kommentar senden' }));
    await screen.findByText('Schön!');
    expect(added).toHaveBeenCalledWith(expect.objectContaining({ id: 12 }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/2/);
    expect((screen.getByLabelText('Ihr Kommentar') as HTMLTextAreaElement).value).toBe('');
  });

  it('says when there are none, deletes one\u2019s own, and nests under a level-3 heading', async () => {
    let list = [{ id: 21, body: 'Mein Text', author: anna, created_at: Date.UTC(2026, 5, 2) }];
    mockFetch([
      [/GET \/api\/content\/6\/comments/, () => ({ status: 200, body: { items: list, next_after: null } })],
      [/DELETE \/api\/comments\/21$/, () => ((list = []), { status: 204 })],
    ]);
    render(<Comments itemId={6} headingLevel={3} />);
    await screen.findByText('Mein Text');
    expect(screen.getByRole('heading', { level: 3 })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 4, name: 'Kommentieren' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Kommentar löschen/ }));
    await screen.findByText('Dieser Kommentar wurde gelöscht.');
    cleanup();
    render(<Comments itemId={6} />);
    await waitFor(() => expect(screen.getByText('Noch keine Kommentare.')).toBeTruthy());
  });
});
