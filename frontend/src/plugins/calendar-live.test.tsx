// @vitest-environment happy-dom
// The calendar UI uses shell.onLive: a new event that someone may read (a live "content" frame
// of kind calendar.event) or a re-sync loads the month again; other frames do not, and the
// subscription ends with the page.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { makeShell } from './shell';
import { findRoute } from '../routes/registry';
import { setLanguage } from '../i18n';
import { setState } from '../store';
import { startLive, stopLive } from '../live';
import { mockFetch } from '../test/setup';
import { FakeSocket } from '../test/fakeSocket';
import { contentFrame, notificationFrame, wakeUp } from '../test/liveFrames';
import type { LiveEvent } from '../liveFrames';
// @ts-expect-error: a plain ES module without types, as plugin authors ship them
import { register } from '../../../plugins/calendar/ui/ui.js';
import { testUser, testPlugin } from '../test/fixtures';

beforeAll(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
  startLive();
  FakeSocket.all[0].open();
});
afterAll(() => {
  stopLive();
  vi.unstubAllGlobals();
});
afterEach(cleanup);

describe('calendar UI on the live stream', () => {
  setLanguage('de');
  setState({ user: testUser({ id: 1, display_name: 'Anna', role: 'resident' }) });
  register(makeShell(testPlugin('calendar')));
  const frame = (event: LiveEvent) => FakeSocket.all.at(-1)!.receive(event);

  it('loads the month again when an event is published, not for other frames, not after leaving', async () => {
    let occurrences: unknown[] = [];
    const { calls } = mockFetch([
      [/GET \/api\/p\/calendar\/calendars$/, { status: 200, body: { calendars: [] } }],
      [/GET \/api\/p\/calendar\/occurrences\?/, () => ({ status: 200, body: { occurrences, more: false } })],
    ]);
    const loads = () => calls.filter((c) => c.includes('/occurrences?')).length;
    const found = findRoute('/calendar')!;
    const view = render(<>{found.route.render({ params: found.params, query: new URLSearchParams(), path: '/calendar', user: null })}</>);
    await screen.findByText(/Keine Termine|keine Termine/);
    expect(loads()).toBe(1);
    const now = Date.now();
    occurrences = [{ event_id: 8, recurrence_id: 0, title: 'Hoffest', starts_at: now, ends_at: now + 3600e3, time_zone: 'Europe/Berlin' }];
    frame(contentFrame(80, 'post'));
    frame(notificationFrame(1, 'calendar.event'));
    expect(loads()).toBe(1);
    frame(contentFrame(81, 'calendar.event'));
    await screen.findByRole('link', { name: 'Hoffest' });
    expect(loads()).toBe(2);
    wakeUp();
    await waitFor(() => expect(loads()).toBe(3));
    view.unmount();
    frame(contentFrame(82, 'calendar.event'));
    expect(loads()).toBe(3);
  });
});
