// Whole contract shapes for tests: an account as GET /api/me carries it, a plugin as /api/meta
// lists it. A test names what matters to it and takes the rest from here.
import type { User } from '../api/account';
import type { PluginInfo } from '../api/meta';

export function testUser(fields: Partial<User> = {}): User {
  return {
    id: 1,
    email: 'anna@example.org',
    display_name: 'Anna',
    real_name: '',
    about: '',
    avatar: null,
    role: 'resident',
    department: '',
    neighbourhood_id: null,
    status: 'active',
    email_confirmed_at: 1_700_000_000_000,
    residence_verified_at: null,
    verified_resident: false,
    language: 'de',
    profile_visibility: 'residents',
    search_indexable: false,
    digest: 'weekly',
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    ...fields,
  };
}

export function testPlugin(name: string, ui: string | null = `/plugins/${name}/ui.js`): PluginInfo {
  return { name, version: '1', description: '', ui };
}
