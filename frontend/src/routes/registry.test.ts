import { describe, expect, it } from 'vitest';
import { access, addNavigation, addRoute, findRoute, visibleNavigation } from './registry';
import type { User } from '../api/account';
import { testUser } from '../test/fixtures';

const person = (role: User['role']): User => testUser({ display_name: 'Test', role });

describe('the route and navigation table', () => {
  addRoute({ path: '/t/admin', owner: 'core', login: true, roles: ['admin'], render: () => null });
  addRoute({ path: '/t/mine', owner: 'core', login: true, render: () => null });
  addRoute({ path: '/t/open', owner: 'core', login: false, render: () => null });
  addNavigation({ path: '/t/admin', label: 'Verwaltung', order: 3, owner: 'core' });
  addNavigation({ path: '/t/mine', label: 'Meins', order: 2, owner: 'core', bar: true });
  addNavigation({ path: '/t/open', label: 'Offen', order: 1, owner: 'core', audience: 'all' });
  addNavigation({ path: '/t/login', label: 'Anmelden', order: 4, owner: 'core', audience: 'guest' });
  const paths = (u: User | null) => visibleNavigation(u).map((n) => n.path).filter((p) => p.startsWith('/t/'));

  it('shows an entry only to people its route lets in (the role rule is said once, on the route)', () => {
    expect(paths(null)).toEqual(['/t/open', '/t/login']);
    expect(paths(person('resident'))).toEqual(['/t/open', '/t/mine']);
    expect(paths(person('admin'))).toEqual(['/t/open', '/t/mine', '/t/admin']);
  });

  it('tells "sign in first" from "not your role"', () => {
    const admin = findRoute('/t/admin')!.route;
    expect(access(admin, null)).toBe('login');
    expect(access(admin, person('moderator'))).toBe('role');
    expect(access(admin, person('admin'))).toBe('ok');
  });

  it('refuses a path without a leading slash', () => {
    expect(() => addRoute({ path: 't', owner: 'x', login: false, render: () => null })).toThrow(/start with/);
  });
});
