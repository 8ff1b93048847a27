// Uploading a file as the raw request body with progress: fetch cannot report upload progress,
// so this uses XMLHttpRequest. It carries X-CSRF-Token like every other write (the browser adds
// Origin, which the server checks for same-origin writes), can be cancelled with an AbortSignal,
// and fails with an ApiError whose message says in the reader's language what went wrong.
import { t } from '../i18n';
import { ApiError, currentCsrfToken, pickMessage } from './client';

export interface UploadOptions {
  /** POST (default) or PUT. */
  method?: 'POST' | 'PUT';
  /** Called as bytes leave: fraction 0..1, and the byte counts. */
  onProgress?: (fraction: number, loaded: number, total: number) => void;
  /** Aborting rejects with code "aborted" (see isAborted) and sends nothing more. */
  signal?: AbortSignal;
  /** Content-Type of the body; default the file's type, else application/octet-stream. */
  contentType?: string;
  /** Refuse bigger files before sending a byte (the server's limit, when the page knows it). */
  maxBytes?: number;
}

/** Sizes as people read them: "512 KB", "2,5 MB" (decimal comma in German). */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const rounded = Math.round(value * 10) / 10;
  return `${String(rounded).replace('.', t('upload.decimalSeparator'))} ${unit}`;
}

function serverError(status: number, text: string): ApiError {
  let err: { code?: string; message?: string; field?: string } | undefined;
  try {
    err = (JSON.parse(text) as { error?: typeof err })?.error;
  } catch {
    err = undefined;
  }
  // The server's own words first (a quota names what is left); ours when it sent none.
  const own =
    status === 413 ? t('upload.error.tooLarge') : status === 415 ? t('upload.error.type') : status === 0 ? t('upload.error.network') : t('error.server');
  return new ApiError(status, err?.code ?? `http_${status}`, err?.message ? pickMessage(err.message) : own, err?.field);
}

export function upload<T = unknown>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  if (!path.startsWith('/')) throw new Error('upload: path must be same-origin and absolute');
  const { signal, onProgress, maxBytes } = options;
  if (signal?.aborted) return Promise.reject(new ApiError(0, 'aborted', t('upload.aborted')));
  if (maxBytes !== undefined && file.size > maxBytes)
    return Promise.reject(new ApiError(413, 'upload_too_large', t('upload.error.tooLargeMax', { max: formatBytes(maxBytes) })));
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = (fn: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    xhr.open(options.method ?? 'POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', options.contentType || file.type || 'application/octet-stream');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total, e.loaded, e.total);
    };
    xhr.onabort = () => settle(() => reject(new ApiError(0, 'aborted', t('upload.aborted'))));
    xhr.onerror = () => settle(() => reject(new ApiError(0, 'network', t('upload.error.network'))));
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () =>
      settle(() => {
        if (xhr.status < 200 || xhr.status >= 300) return reject(serverError(xhr.status, xhr.responseText));
        onProgress?.(1, file.size, file.size);
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
      });
    signal?.addEventListener('abort', onAbort);
    xhr.send(file);
  });
}

/** The profile picture's request: the raw file as PUT. Kept for the core's avatar form. */
export function uploadRaw<T = unknown>(path: string, file: Blob, onProgress?: (fraction: number) => void): Promise<T> {
  return upload<T>(path, file, { method: 'PUT', onProgress: onProgress && ((f) => onProgress(f)) });
}
