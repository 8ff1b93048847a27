// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './test/fakeSocket';
import { notificationFrame } from './test/liveFrames';

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
    first.receive(notificationFrame(1));
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

  it('drops a frame that is not in the contract\'s shape, and hands on the ones that are, typed', async () => {
    const { startLive, stopLive, onLive } = await import('./live');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const got: string[] = [];
    onLive((frame) => {
      if (frame.type === 'content') got.push(`content ${frame.data.id} ${frame.data.kind}`);
      else if (frame.type === 'notification') got.push(`notification ${frame.data.id}`);
      else got.push(frame.type);
    });
    startLive();
    const ws = FakeSocket.all[0];
    ws.open();
    ws.receive({ type: 'content', data: { id: 5 } }); // no kind, container_id, author_id, urgent
    ws.receive({ type: 'content' }); // no data
    ws.receive({ type: 'notification', data: { id: '7', kind: 'comment', payload: {}, link: '', urgent: false, created_at: 1, read: false } });
    ws.receive({ type: 'resync' }); // made by the client only, never by the server
    ws.receive({ type: 'surprise', data: {} });
    ws.receive(['content']);
    expect(got).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(6);
    ws.receive({ type: 'content', data: { id: 5, kind: 'help.request', container_id: 1, author_id: 2, urgent: false } });
    ws.receive(notificationFrame(7));
    ws.receive({ type: 'shutdown' });
    expect(got).toEqual(['content 5 help.request', 'notification 7', 'shutdown']);
    warn.mockRestore();
    stopLive();
  });
});
