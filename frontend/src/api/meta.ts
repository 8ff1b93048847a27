// What the web UI assembles itself from: municipality, languages, registration mode, plugins.
import type { Ok } from './contract';
import { typed } from './typed';

export type MetaData = Ok<'/api/meta', 'get'>;
/** An enabled plugin: name, version, description, the URL of its UI module (null = none). */
export type PluginInfo = MetaData['plugins'][number];

export function fetchMeta(signal?: AbortSignal): Promise<MetaData> {
  return typed.get('/api/meta', { signal });
}
