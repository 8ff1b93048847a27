// The one way the UI talks to the server: JSON over fetch, same origin only.
// Every state-changing request carries X-CSRF-Token (the token from login or GET /api/me).
// Failures become ApiError with the server's {"error":{"code","message"}} so pages can
// show the message in words.

let csrfToken = '';

export function setCsrfToken(token: string | undefined | null): void {
  csrfToken = token ?? '';
}

/** The token that state-changing requests carry (the upload helper sends it too). */
export function currentCsrfToken(): string {
  return csrfToken;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Message shown when the server could not be reached or answered with no usable error body. */
let fallbackMessages = {
  network: 'The server could not be reached. Check your connection and try again.',
  server: 'The server could not complete the request. Please try again later.',
};

export function setFallbackMessages(messages: typeof fallbackMessages): void {
  fallbackMessages = messages;
}

let currentLanguage = () => 'de';

export function setLanguageSource(source: () => string): void {
  currentLanguage = source;
}

/**
 * Many server messages carry both languages as "Deutscher Text. / English text.": show the
 * half in the reader's language. A message without the separator is shown whole.
 */
export function pickMessage(message: string, language = currentLanguage()): string {
  const parts = message.split(' / ');
  if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) return message;
  return (language === 'de' ? parts[0] : parts[1]).trim();
}

/** Called when the server says the session is gone (401) while the person seemed signed in. */
let unauthorizedHandler: ((path: string) => void) | null = null;

export function onUnauthorized(handler: (path: string) => void): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  /** Cancels the request (e.g. the page was left); the promise then rejects with code "aborted". */
  signal?: AbortSignal;
}

/** True for the rejection of a request that its caller cancelled: not a failure to show. */
export function isAborted(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'aborted';
}

export async function request<T = unknown>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  if (!path.startsWith('/')) throw new Error('api: path must be same-origin and absolute');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch {
    if (options.signal?.aborted) throw new ApiError(0, 'aborted', 'aborted');
    throw new ApiError(0, 'network', fallbackMessages.network);
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    if (options.signal?.aborted) throw new ApiError(0, 'aborted', 'aborted');
    throw new ApiError(0, 'network', fallbackMessages.network);
  }
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    if (response.status === 401 && csrfToken && !path.startsWith('/api/auth/')) unauthorizedHandler?.(path);
    throw new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ? pickMessage(err.message) : fallbackMessages.server,
      err?.field,
    );
  }
  return data as T;
}

export const api = {
  get: <T = unknown>(path: string) => request<T>('GET', path),
  post: <T = unknown>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T = unknown>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T = unknown>(path: string, body: unknown = {}) => request<T>('PATCH', path, body),
  del: <T = unknown>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return fallbackMessages.server;
}
