// What the web UI assembles itself from: municipality, languages, registration mode, plugins.
import type { Ok } from './contract';
import { typed } from './typed';

export type MetaData = Ok<'/api/meta', 'get'>;

export function fetchMeta(signal?: AbortSignal): Promise<MetaData> {
  return typed.get('/api/meta', { signal });
}
