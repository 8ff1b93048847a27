// @vitest-environment happy-dom
// The "city.sections" slot: a plugin's part renders on the city page with the page's context,
// a failing part stays in its own error boundary, and the bundled help UI module shows "helped
// this month" per neighbourhood there (mocked server).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { makeShell } from './shell';
import { Slot } from './slots';
import { setLanguage } from '../i18n';
import { setState } from '../store';
import { mockFetch } from '../test/setup';
// @ts-expect-error: a plain ES module without types, as plugin authors ship them
import { register } from '../../../plugins/help/ui/ui.js';
import { testUser, testPlugin } from '../test/fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('city.sections slot', () => {
  setLanguage('de');
  setState({ user: testUser({ id: 1, display_name: 'Anna', role: 'resident' }) });
  const shell = makeShell(testPlugin('cityparts'));
  shell.addSlot('city.sections', ({ context }) => <p>Stadt-Container {String(context.containerId)}</p>);
  shell.addSlot('city.sections', () => {
    throw new Error('kaputt');
  });
  register(makeShell(testPlugin('help')));

  it('renders every part with the context; a failing part does not take the others with it', async () => {
    mockFetch([
      [/GET \/api\/p\/help\/stats$/, {
        status: 200,
        body: { since: 0, total: 3, neighbourhoods: [
          { neighbourhood_id: 1, name: 'Altstadt', helped_this_month: 0 },
          { neighbourhood_id: 2, name: 'Nordstadt', helped_this_month: 2 },
          { neighbourhood_id: 3, name: 'Wiehre', helped_this_month: 1 }] },
      }],
    ]);
    render(<Slot name="city.sections" context={{ containerId: 42 }} />);
    expect(screen.getByText('Stadt-Container 42')).toBeTruthy();
    expect(screen.getByRole('alert')).toBeTruthy();  // the failing part's boundary
    const section = await screen.findByRole('region', { name: 'Nachbarschaftshilfe' });
    expect(section.textContent).toContain('In diesem Monat geholfen: 3');
    const rows = [...section.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toEqual(['Nordstadt: 2', 'Wiehre: 1']);  // most first, none without help
  });

  it('refuses a slot name it does not know', () => {
    expect(() => shell.addSlot('city.nowhere' as 'city.sections', () => null)).toThrow(/unknown slot/);
  });
});
