// @vitest-environment happy-dom
// Shell API 3: onLive (filters, unsubscribe, the page's scope ending with the page), the
// settings/admin section slots, and a module written for version 2 that keeps working.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { h } from 'preact';
import { useEffect } from 'preact/hooks';
import { makeShell, type Shell } from './shell';
import { Slot, slotSections } from './slots';
import { startLive, stopLive } from '../live';
import { findRoute } from '../routes/registry';
import { setLanguage } from '../i18n';
import type { LiveEvent } from './liveEvents';
import type { LiveEvent as LiveFrameOnWire } from '../liveFrames';
import { contentFrame, helloFrame, messageFrame, notificationFrame, wakeUp } from '../test/liveFrames';
import { FakeSocket } from '../test/fakeSocket';
import { testPlugin } from '../test/fixtures';

const frame = (event: LiveFrameOnWire) => FakeSocket.all.at(-1)!.receive(event);
const page = (path: string) => {
  const found = findRoute(path)!;
  return found.route.render({ params: found.params, query: new URLSearchParams(), path, user: null });
};

beforeAll(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
  startLive();
  FakeSocket.all[0].open();
  setLanguage('de');
});
afterAll(() => {
  stopLive();
  vi.unstubAllGlobals();
});
afterEach(cleanup);

describe('shell.onLive', () => {
  const shell = makeShell(testPlugin('calendar'));

  it('delivers the frames its filter asks for, resync always, until unsubscribed', () => {
    const got: string[] = [];
    const off = shell.onLive((e: LiveEvent) => got.push(`${e.type}:${e.type === 'content' || e.type === 'notification' ? e.data.kind : ''}`), { kinds: ['calendar.event'] });
    frame(helloFrame());
    frame(contentFrame(1, 'calendar.event'));
    frame(contentFrame(2, 'post'));
    frame(notificationFrame(3, 'calendar.event'));
    wakeUp();
    expect(got).toEqual(['content:calendar.event', 'resync:']);
    off();
    off(); // a second call does nothing
    frame(contentFrame(4, 'calendar.event'));
    expect(got.length).toBe(2);
  });

  it('filters by type; a failing handler is contained and the others still hear', () => {
    const types: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const offBad = shell.onLive(() => {
      throw new Error('boom');
    });
    const off = shell.onLive((e) => types.push(e.type), { types: ['notification'] });
    frame(contentFrame(8, 'post'));
    frame(notificationFrame(9));
    expect(types).toEqual(['notification']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('live handler of plugin "calendar" failed'), expect.any(Error));
    off();
    offBad();
    warn.mockRestore();
  });

  it('refuses a handler that is no function and a filter that is no list, naming the plugin', () => {
    expect(() => shell.onLive(null as unknown as () => void)).toThrow(/handler must be a function \(calendar\)/);
    expect(() => shell.onLive(() => {}, { kinds: 'calendar.event' as unknown as string[] })).toThrow(/filter.kinds must be a list of strings/);
  });

  it('ends what a page subscribed through its context.shell when the page leaves the screen', () => {
    const heard: string[] = [];
    function LivePage(ctx: { shell: Shell }) {
      // Deliberately no unsubscribe: the page's scope must end it.
      useEffect(() => {
        ctx.shell.onLive((e) => heard.push(`component:${e.type}`));
      }, [ctx.shell]);
      return h('p', null, 'live page');
    }
    shell.addRoute('/live-test/component', { title: () => 'Live', component: LivePage });
    shell.addRoute('/live-test/mount', {
      title: () => 'Live',
      mount: (_el, ctx) => {
        ctx.shell.onLive((e) => heard.push(`mount:${e.type}`));
      },
    });
    const view = render(h('div', null, page('/live-test/component')));
    screen.getByText('live page');
    frame(notificationFrame(10));
    expect(heard).toEqual(['component:notification']);
    view.rerender(h('div', null, page('/live-test/mount')));
    frame(messageFrame(11));
    expect(heard).toEqual(['component:notification', 'mount:message']);
    view.unmount();
    frame(notificationFrame(12));
    expect(heard.length).toBe(2);
  });
});

describe('settings and admin section slots', () => {
  const shell = makeShell(testPlugin('market'));

  it('need a title, render a titled section each and list it for the table of contents', () => {
    expect(() => shell.addSlot('settings.sections', () => null)).toThrow(/needs options.title/);
    expect(() => shell.addSlot('admin.sections', () => null, { title: '  ' })).toThrow(/needs options.title/);
    shell.addSlot('settings.sections', ({ context }) => h('p', null, `Hallo ${(context.user as { display_name: string }).display_name}`), { title: () => 'Marktplatz' });
    shell.addSlot('admin.sections', () => {
      throw new Error('kaputt');
    }, { title: 'Markt verwalten' });
    expect(slotSections('settings.sections')).toEqual([{ id: 'settings-market', title: 'Marktplatz' }]);
    render(h('div', null, h(Slot, { name: 'settings.sections', context: { user: { display_name: 'Anna' } } })));
    const section = screen.getByRole('region', { name: 'Marktplatz' });
    expect(section.querySelector('h2')?.id).toBe('settings-market');
    expect(section.textContent).toContain('Hallo Anna');
    cleanup();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(h('div', null, h(Slot, { name: 'admin.sections', context: {} })));
    // A failing part keeps its section and says what failed, the page stays.
    expect(screen.getByRole('region', { name: 'Markt verwalten' }).textContent).toMatch(/market/);
    vi.mocked(console.warn).mockRestore();
  });
});

describe('a module written for shell API 2', () => {
  it('registers and renders on version 3 unchanged', () => {
    const shell = makeShell(testPlugin('oldie'));
    expect(shell.apiVersion).toBe(3);
    // What a version-2 module does: check for the kit, add a page from kit parts and a 2-argument slot.
    const register = (s: { apiVersion: number; kit?: unknown } & Shell) => {
      if (s.apiVersion < 2 || !s.kit) throw new Error('needs shell API 2');
      s.addTranslations('de', { 'oldie.title': 'Alt' });
      s.addRoute('/oldie', { title: () => s.t('oldie.title'), component: () => h(s.kit.Notice, null, h('p', null, 'läuft')) });
      s.addSlot('profile.sections', () => h('p', null, 'Profilteil'));
    };
    register(shell);
    render(h('div', null, page('/oldie')));
    expect(screen.getByRole('heading', { level: 1, name: 'Alt' })).toBeTruthy();
    expect(screen.getByText('läuft')).toBeTruthy();
    cleanup();
    render(h('div', null, h(Slot, { name: 'profile.sections', context: {} })));
    expect(screen.getByText('Profilteil')).toBeTruthy();
    expect(screen.queryByRole('region')).toBeNull();
  });
});
