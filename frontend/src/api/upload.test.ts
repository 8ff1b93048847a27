// The upload helper (shell API 3): progress, the CSRF token, cancelling, and what a person reads
// when the server refuses the file (413, 415) or cannot be reached.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { upload, formatBytes } from './upload';
import { ApiError, isAborted, setCsrfToken } from './client';
import { loadLanguage, setLanguage } from '../i18n';
import { FakeXhr } from '../test/fakeXhr';

const file = () => new Blob(['x'.repeat(2000)], { type: 'text/plain' });

beforeEach(() => {
  FakeXhr.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  setLanguage('de');
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('upload helper', () => {
  it('sends the raw file with the CSRF token and reports progress up to 1', async () => {
    setCsrfToken('tok-1');
    const seen: number[] = [];
    const done = upload<{ id: number }>('/api/p/files/spaces/person/1/files?name=a.txt', file(), { onProgress: (f) => seen.push(f) });
    const xhr = FakeXhr.last();
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/p/files/spaces/person/1/files?name=a.txt']);
    expect(xhr.headers).toMatchObject({ 'X-CSRF-Token': 'tok-1', 'Content-Type': 'text/plain', Accept: 'application/json' });
    xhr.progress(500, 2000);
    xhr.progress(2000, 2000);
    xhr.respond(201, { id: 7 });
    await expect(done).resolves.toEqual({ id: 7 });
    expect(seen).toEqual([0.25, 1, 1]);
  });

  it('PUT and an explicit content type when asked', async () => {
    const done = upload('/api/me/avatar', file(), { method: 'PUT', contentType: 'application/octet-stream' });
    const xhr = FakeXhr.last();
    expect(xhr.method).toBe('PUT');
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream');
    expect(xhr.headers['X-CSRF-Token']).toBeUndefined();
    xhr.respond(204);
    await expect(done).resolves.toBeUndefined();
  });

  it('says the server\u2019s own words for a 413 (the reader\u2019s half), and its own when there are none', async () => {
    let done = upload('/x', file());
    FakeXhr.last().respond(413, { error: { code: 'quota_exceeded', message: 'Der Platz ist voll. / The space is full.' } });
    await expect(done).rejects.toMatchObject({ status: 413, code: 'quota_exceeded', message: 'Der Platz ist voll.' });
    done = upload('/x', file());
    FakeXhr.last().respond(413);
    await expect(done).rejects.toMatchObject({ status: 413, code: 'http_413', message: expect.stringMatching(/zu groß für den Server/) });
  });

  it('explains a 415 and a lost connection in words, in English too', async () => {
    let done = upload('/x', file());
    FakeXhr.last().respond(415, 'not json');
    await expect(done).rejects.toMatchObject({ status: 415, message: expect.stringMatching(/Dateiformat wird hier nicht angenommen/) });
    await loadLanguage('en');
    done = upload('/x', file());
    FakeXhr.last().fail();
    const e = await done.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 0, code: 'network', message: expect.stringMatching(/server cannot be reached/) });
    setLanguage('de');
  });

  it('is cancelled by its signal: the request is aborted and the rejection is "aborted"', async () => {
    const controller = new AbortController();
    const done = upload('/x', file(), { signal: controller.signal });
    const xhr = FakeXhr.last();
    xhr.progress(100, 2000);
    controller.abort();
    const e = await done.catch((x: unknown) => x);
    expect(xhr.aborted).toBe(true);
    expect(isAborted(e)).toBe(true);
    expect((e as Error).message).toBe('Das Hochladen wurde abgebrochen.');
    // Already cancelled: nothing is sent at all.
    await expect(upload('/x', file(), { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(FakeXhr.all.length).toBe(1);
  });

  it('refuses a file over maxBytes before sending a byte, naming the limit', async () => {
    await expect(upload('/x', file(), { maxBytes: 1024 })).rejects.toMatchObject({ status: 413, code: 'upload_too_large', message: expect.stringContaining('höchstens 1 KB') });
    expect(FakeXhr.all.length).toBe(0);
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2,5 MB');
    expect(() => upload('https://elsewhere.example/x', file())).toThrow(/same-origin/);
  });
});
