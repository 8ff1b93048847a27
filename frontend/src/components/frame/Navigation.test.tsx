// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { BottomBar, MainNavigation } from './Navigation';
import { registerCore } from '../../routes/core';
import { setState } from '../../store';
import { setLanguage } from '../../i18n';
import { testUser } from '../../test/fixtures';

afterEach(cleanup);

describe('navigation from the route table', () => {
  setLanguage('de');
  registerCore();

  it('shows a resident the bottom bar with four entries and the unread badge', () => {
    setState({ user: testUser({ id: 1, display_name: 'Rita', role: 'resident' }), unread: 3 });
    render(<BottomBar path="/notifications" />);
    const bar = screen.getByRole('navigation', { name: 'Schnellzugriff' });
    const links = within(bar).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/', '/search', '/notifications', '/messages']);
    expect(links[2].getAttribute('aria-current')).toBe('page');
    expect(links[2].textContent).toContain('Hinweise');
    expect(links[2].textContent).toContain('3 ungelesen');
    expect(document.body.classList.contains('has-bottom-bar')).toBe(true);
  });

  it('shows administration entries only to the roles their routes let in, behind a menu button on phones', () => {
    setState({ user: testUser({ id: 2, display_name: 'Mona', role: 'moderator' }), unread: 0 });
    render(<MainNavigation path="/" />);
    const nav = screen.getByRole('navigation', { name: 'Hauptnavigation' });
    const hrefs = within(nav).getAllByRole('link').map((l) => l.getAttribute('href'));
    expect(hrefs).toContain('/moderation');
    expect(hrefs).not.toContain('/admin');
    expect(hrefs).not.toContain('/registrations');
    const menu = screen.getByRole('button', { name: 'Menü' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(nav.classList.contains('open')).toBe(true);
  });

  it('shows a visitor sign-in and registration, no bottom bar', () => {
    setState({ user: null });
    render(<><MainNavigation path="/" /><BottomBar path="/" /></>);
    const hrefs = within(screen.getByRole('navigation', { name: 'Hauptnavigation' })).getAllByRole('link').map((l) => l.getAttribute('href'));
    expect(hrefs).toEqual(['/', '/login', '/register']);
    expect(screen.queryByRole('navigation', { name: 'Schnellzugriff' })).toBeNull();
  });
});
