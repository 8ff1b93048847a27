// Registrations waiting for approval (registration mode "approval"): the list and the decisions.
import type { Ok } from './contract';
import { typed } from './typed';

export type PendingRegistration = Ok<'/api/registrations/pending', 'get'>['registrations'][number];

/** A page, oldest first, after the registration id `after`. */
export async function fetchPendingRegistrations(after: string | null, limit: number, signal?: AbortSignal) {
  const page = await typed.get('/api/registrations/pending', { query: { limit, after }, signal });
  return { items: page.registrations, next: page.next_after === null ? null : String(page.next_after) };
}

export function approveRegistration(id: number) {
  return typed.post('/api/registrations/{id}/approve', undefined, { path: { id } });
}

/** Declines; the reason (optional) is mailed to the person and not kept. */
export function declineRegistration(id: number, reason: string) {
  return typed.post('/api/registrations/{id}/decline', reason ? { reason } : {}, { path: { id } });
}
