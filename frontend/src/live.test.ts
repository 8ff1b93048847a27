// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './test/fakeSocket';

describe('live socket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('passes frames on, pings, replaces a socket that does not answer, and asks for a re-sync after reconnecting', async () => {
    const { startLive, stopLive, onLive } = await import('./live');
    const got: string[] = [];
    onLive((m) => got.push(String(m.type)));
    startLive();
    const first = FakeSocket.all[0];
    first.open();
    expect(document.documentElement.dataset.live).toBe('open');
    first.receive({ type: 'notification' });
    first.receive({ type: 'pong' });
    expect(got).toEqual(['notification']);

    vi.advanceTimersByTime(25_000);
    expect(first.sent).toEqual([JSON.stringify({ type: 'ping' })]);
    vi.advanceTimersByTime(10_000); // no answer: taken for dead
    expect(first.readyState).toBe(3);
    expect(document.documentElement.dataset.live).toBe('closed');

    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.all[1];
    expect(second).toBeDefined();
    second.open();
    expect(got).toEqual(['notification', 'resync']);
    stopLive();
  });

  it('reconnects at once when the browser is online again', async () => {
    const { startLive, stopLive } = await import('./live');
    startLive();
    FakeSocket.all[0].open();
    FakeSocket.all[0].close();
    expect(FakeSocket.all).toHaveLength(1);
    window.dispatchEvent(new Event('online'));
    expect(FakeSocket.all).toHaveLength(2);
    stopLive();
  });
});
