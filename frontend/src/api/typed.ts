// Calls checked against the contract: the path template must be one that schemas/openapi.yaml
// describes for the method, the body its request schema, and the answer is typed from its
// success response. A signal cancels the request (the caller left the page).
import { request, type RequestOptions } from './client';
import { fill, type Body, type Ok, type PathsWith } from './contract';

type Params = Record<string, string | number>;

interface CallOptions extends RequestOptions {
  /** Values for the {placeholders} of the path. */
  path?: Params;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
}

function url(template: string, options: CallOptions): string {
  let u = options.path ? fill(template, options.path) : template;
  if (options.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    if (s) u += `?${s}`;
  }
  return u;
}

export const typed = {
  get: <P extends PathsWith<'get'>>(path: P, options: CallOptions = {}) => request<Ok<P, 'get'>>('GET', url(path, options), undefined, options),
  post: <P extends PathsWith<'post'>>(path: P, body: Body<P, 'post'>, options: CallOptions = {}) =>
    request<Ok<P, 'post'>>('POST', url(path, options), body ?? {}, options),
  put: <P extends PathsWith<'put'>>(path: P, body: Body<P, 'put'>, options: CallOptions = {}) =>
    request<Ok<P, 'put'>>('PUT', url(path, options), body ?? {}, options),
  patch: <P extends PathsWith<'patch'>>(path: P, body: Body<P, 'patch'>, options: CallOptions = {}) =>
    request<Ok<P, 'patch'>>('PATCH', url(path, options), body ?? {}, options),
  /** A body only where the contract asks for one (DELETE /api/me takes the password). */
  del: <P extends PathsWith<'delete'>>(path: P, options: CallOptions & { body?: Body<P, 'delete'> } = {}) =>
    request<Ok<P, 'delete'>>('DELETE', url(path, options), options.body, options),
};
