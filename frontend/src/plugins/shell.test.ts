import { describe, expect, it } from 'vitest';
import { makeShell, registry } from './shell';
import { testPlugin } from '../test/fixtures';
import { t } from '../i18n';
import { table, findRoute, visibleNavigation } from '../routes/registry';

describe('plugin registration API', () => {
  const shell = makeShell({ ...testPlugin('groups'), version: '1.0.0' });

  it('adds navigation entries in order, owned by the plugin', () => {
    shell.addNavigation({ path: '/groups', label: 'Gruppen', order: 20 });
    shell.addNavigation({ path: '/market', label: 'Markt', order: 10 });
    const paths = table.navigation.map((n) => n.path);
    expect(paths.indexOf('/market')).toBeLessThan(paths.indexOf('/groups'));
    expect(table.navigation.find((n) => n.path === '/groups')?.owner).toBe('groups');
    expect(table.navigation.find((n) => n.path === '/groups')?.audience).toBe('member');
    expect(visibleNavigation(null).some((n) => n.path === '/groups')).toBe(false);
  });

  it('refuses routes without a leading slash or without a page', () => {
    expect(() => shell.addRoute('groups', { title: () => 'x', mount: () => {} })).toThrow(/start with/);
    expect(() => shell.addRoute('/groups', { title: () => 'x' })).toThrow(/mount or component/);
    shell.addRoute('/groups/:id', { title: () => 'Gruppe', mount: () => {} });
    expect(findRoute('/groups/7')?.route.owner).toBe('groups');
    expect(findRoute('/groups/7')?.params).toEqual({ id: '7' });
  });

  it('adds translations and item renderers', () => {
    shell.addTranslations('de', { 'groups.title': 'Gruppen' });
    expect(t('groups.title')).toBe('Gruppen');
    shell.addItemRenderer('groups.event', () => {});
    expect(registry.itemRenderers.has('groups.event')).toBe(true);
  });

  it('exposes the shell Preact instance, the kit and API version 3', () => {
    expect(shell.apiVersion).toBe(3);
    expect(typeof shell.kit.Composer).toBe('function');
    expect(() => shell.addSlot('nowhere' as 'item.actions', () => null)).toThrow(/unknown slot/);
    expect(typeof shell.preact.h).toBe('function');
    expect(typeof shell.api.get).toBe('function');
  });
});

import { slugify } from '../pages/admin/slug';
describe('neighbourhood slugs', () => {
  it('spells out German letters and keeps a-z, 0-9 and -', () => {
    expect(slugify('Kreuzberg Süd-Ost')).toBe('kreuzberg-sued-ost');
    expect(slugify('  Straße am Fluß  ')).toBe('strasse-am-fluss');
    expect(slugify('Île de Café 2')).toBe('ile-de-cafe-2');
  });
});
