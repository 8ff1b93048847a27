// @vitest-environment happy-dom
// The bundled groups UI module against the real shell (API 2) with a mocked server: it
// registers its pages, renders them from the kit and keeps focus on the button pressed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { makeShell } from './shell';
import { findRoute } from '../routes/registry';
import { setLanguage } from '../i18n';
import { setState } from '../store';
import { mockFetch } from '../test/setup';
// @ts-expect-error: a plain ES module without types, as plugin authors ship them
import { register } from '../../../plugins/groups/ui/ui.js';
import { testUser, testPlugin } from '../test/fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const group = {
  slug: 'garten', name: 'Hofgarten', category: 'nachbarschaft', visibility: 'private', member_count: 2,
  description: 'Wir gärtnern.', my_role: 'owner', can_manage: true, container_id: 9,
};

describe('groups UI module on shell API 2', () => {
  setLanguage('de');
  setState({ user: testUser({ id: 1, display_name: 'Anna', role: 'resident' }) });
  register(makeShell(testPlugin('groups')));
  const page = (path: string) => {
    const found = findRoute(path)!;
    expect(found.route.owner).toBe('groups');
    return found.route.render({ params: found.params, query: new URLSearchParams(), path, user: null });
  };

  it('shows the directory with its sections, and a failed section with a retry', async () => {
    mockFetch([
      [/\/groups\/mine/, { status: 500, body: { error: { code: 'x', message: 'Kaputt' } } }],
      [/\/groups\/suggestions/, { status: 200, body: { groups: [] } }],
      [/\/api\/p\/groups\/groups\?/, { status: 200, body: { groups: [group] } }],
      [/\/api\/neighbourhoods/, { status: 200, body: { neighbourhoods: [] } }],
    ]);
    render(<>{page('/groups')}</>);
    expect(await screen.findByRole('link', { name: 'Hofgarten' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Alle Gruppen' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Das konnte nicht geladen werden.');
  });

  it('shows the group page for its owner; creating a link keeps focus on the button', async () => {
    mockFetch([
      [/GET \/api\/p\/groups\/groups\/garten$/, { status: 200, body: group }],
      [/GET \/api\/stream/, { status: 200, body: { items: [], next_before: null } }],
      [/GET .*\/members$/, { status: 200, body: { members: [{ user_id: 1, display_name: 'Anna', role: 'owner' }, { user_id: 2, display_name: 'Ben', role: 'member' }] } }],
      [/GET .*\/requests$/, { status: 200, body: { requests: [] } }],
      [/GET .*\/reports$/, { status: 200, body: { reports: [] } }],
      [/GET .*\/invitations$/, { status: 200, body: { people: [], links: [] } }],
      [/POST .*\/invitations$/, { status: 201, body: { path: '/groups/join/abc' } }],
      [/\/api\/neighbourhoods/, { status: 200, body: { neighbourhoods: [] } }],
    ]);
    render(<>{page('/groups/garten')}</>);
    expect(await screen.findByRole('heading', { level: 2, name: 'Hofgarten' })).toBeTruthy();
    expect(await screen.findByText('Noch keine Beiträge.')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('.people-list li').length).toBe(2));
    const button = screen.getByRole('button', { name: 'Einladungslink erstellen' });
    button.focus();
    fireEvent.click(button);
    const link = (await screen.findByLabelText(/Link erstellt/)) as HTMLInputElement;
    expect(link.value).toMatch(/\/groups\/join\/abc$/);
    expect(document.activeElement).toBe(button);
    expect(document.querySelectorAll('[aria-live]').length).toBe(0);
  });
});
