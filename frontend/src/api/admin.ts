// Administration: accounts, invitations, the registration mode, the audit log and the jobs.
import type { Body, Ok, Schemas } from './contract';
import { typed } from './typed';

export type AdminUser = Schemas['User'];
export type Invitation = Schemas['Invitation'];
export type Job = Schemas['Job'];
export type RegistrationMode = Schemas['RegistrationMode'];
export type AuditEntry = NonNullable<Ok<'/api/admin/audit', 'get'>['entries']>[number];

/** A page of accounts, newest first; `before` is the previous page's next_before. */
export async function fetchUsers(query: { q?: string; status?: string; before?: string | null }, signal?: AbortSignal) {
  const page = await typed.get('/api/admin/users', { query: { q: query.q, status: query.status, before: query.before }, signal });
  return { items: page.users ?? [], next: page.next_before === undefined ? null : String(page.next_before) };
}

/** Changes role, department or status; answers the account as stored. */
export function updateUser(id: number, body: Body<'/api/admin/users/{id}', 'patch'>): Promise<AdminUser> {
  return typed.patch('/api/admin/users/{id}', body, { path: { id } });
}

/** Approves a registration waiting for it; answers the now active account. */
export function approveUser(id: number): Promise<AdminUser> {
  return typed.post('/api/admin/users/{id}/approve', undefined, { path: { id } });
}

export async function fetchInvitations(signal?: AbortSignal): Promise<Invitation[]> {
  return (await typed.get('/api/admin/invitations', { signal })).invitations ?? [];
}

export function invite(body: Body<'/api/admin/invitations', 'post'>): Promise<Invitation> {
  return typed.post('/api/admin/invitations', body);
}

export async function fetchRegistrationMode(signal?: AbortSignal): Promise<RegistrationMode> {
  return (await typed.get('/api/admin/registration', { signal })).mode ?? 'open';
}

export async function setRegistrationMode(mode: RegistrationMode): Promise<RegistrationMode> {
  return (await typed.put('/api/admin/registration', { mode })).mode ?? mode;
}

/** A page of the audit log, newest first, below the entry id `before`. */
export async function fetchAudit(before: string | null, signal?: AbortSignal): Promise<AuditEntry[]> {
  return (await typed.get('/api/admin/audit', { query: { before }, signal })).entries ?? [];
}

export async function fetchJobs(signal?: AbortSignal): Promise<Job[]> {
  return (await typed.get('/api/admin/jobs', { signal })).jobs;
}

/** Runs a failed or waiting job again now; answers the job as it is then. */
export function retryJob(id: number): Promise<Job> {
  return typed.post('/api/admin/jobs/{id}/retry', undefined, { path: { id } });
}
