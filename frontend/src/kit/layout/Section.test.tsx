// @vitest-environment happy-dom
// The kit's Section (a region named by its heading, unique ids) and Loaded (loading only the
// first time, a failure with a retry, then the data), which the groups and calendar UIs use.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Section } from './Section';
import { Loaded } from '../feedback/Loaded';
import { setLanguage } from '../../i18n';

afterEach(cleanup);

describe('kit Section and Loaded', () => {
  setLanguage('de');

  it('names each section by its own heading at the level asked', () => {
    render(
      <>
        <Section title="Mitglieder">a</Section>
        <Section title="Anfragen" level={3}>b</Section>
      </>,
    );
    const members = screen.getByRole('region', { name: 'Mitglieder' });
    const requests = screen.getByRole('region', { name: 'Anfragen' });
    expect(members.querySelector('h2')?.id).not.toBe(requests.querySelector('h3')?.id);
  });

  it('shows loading first, then a failure with a retry, then the data', () => {
    const reload = vi.fn();
    const state = { data: null as string[] | null, error: null as unknown, loading: true, reload };
    const view = render(<Loaded state={state} what="Die Gruppen konnten nicht geladen werden.">{(d) => <p>{d.join(', ')}</p>}</Loaded>);
    expect(screen.getByRole('status')).toBeTruthy();
    view.rerender(<Loaded state={{ ...state, loading: false, error: new Error('x') }} what="Die Gruppen konnten nicht geladen werden.">{(d) => <p>{d.join(', ')}</p>}</Loaded>);
    expect(screen.getByRole('alert').textContent).toContain('Die Gruppen konnten nicht geladen werden.');
    fireEvent.click(screen.getByRole('button', { name: /Erneut versuchen/ }));
    expect(reload).toHaveBeenCalled();
    view.rerender(<Loaded state={{ ...state, loading: true, data: ['Hofgarten', 'Lauftreff'] }}>{(d) => <p>{d.join(', ')}</p>}</Loaded>);
    expect(screen.getByText('Hofgarten, Lauftreff')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
