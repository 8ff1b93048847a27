// Neighbourhoods (everyone reads them; admins create and edit) and residence codes for them.
import type { Body, Schemas } from './contract';
import { typed } from './typed';

export type NeighbourhoodData = Schemas['Neighbourhood'];
export type NeighbourhoodInput = Schemas['NeighbourhoodInput'];

export async function fetchNeighbourhoods(signal?: AbortSignal): Promise<NeighbourhoodData[]> {
  const data = await typed.get('/api/neighbourhoods', { signal });
  return data.neighbourhoods ?? [];
}

/** One neighbourhood (404 when it is gone). */
export function fetchNeighbourhood(id: number, signal?: AbortSignal): Promise<NeighbourhoodData> {
  return typed.get('/api/neighbourhoods/{id}', { path: { id }, signal });
}

export function createNeighbourhood(body: NeighbourhoodInput): Promise<NeighbourhoodData> {
  return typed.post('/api/neighbourhoods', body);
}

export function updateNeighbourhood(id: number, body: NeighbourhoodInput): Promise<NeighbourhoodData> {
  return typed.patch('/api/neighbourhoods/{id}', body, { path: { id } });
}

export type CodeBatch = Awaited<ReturnType<typeof createResidenceCodes>>;

/** A batch of residence codes for one neighbourhood, with the letters to print (admins). */
export function createResidenceCodes(body: Body<'/api/admin/residence-codes', 'post'>) {
  return typed.post('/api/admin/residence-codes', body);
}
