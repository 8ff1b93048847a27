// People: a profile as others see it, and whom I block.
import type { Schemas } from './contract';
import { typed } from './typed';

export type ProfileData = Schemas['Profile'];

/** A person's profile (404 when not visible to me). */
export function fetchProfile(id: number | string, signal?: AbortSignal): Promise<ProfileData> {
  return typed.get('/api/users/{id}', { path: { id }, signal });
}

/** The ids of the people I block. */
export async function fetchBlocked(signal?: AbortSignal): Promise<number[]> {
  return (await typed.get('/api/blocks', { signal })).items ?? [];
}

export function block(id: number) {
  return typed.put('/api/blocks/{id}', undefined, { path: { id } });
}

export function unblock(id: number) {
  return typed.del('/api/blocks/{id}', { path: { id } });
}
