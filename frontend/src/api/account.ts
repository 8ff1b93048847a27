// The signed-in person's own account: settings, consent, sessions, residence code, e-mail
// change, profile picture removal and erasure.
import { allOf, type Body, type Ok, type Schemas } from './contract';
import { typed } from './typed';
import { uploadRaw } from './upload';

export type MeData = Schemas['Me'];
/** An account as its owner (and admins) see it. */
export type User = Schemas['User'];
export type Role = User['role'];
export const ROLES = allOf<Role>()(['resident', 'staff', 'moderator', 'admin']);
export const PROFILE_VISIBILITIES = allOf<User['profile_visibility']>()(['residents', 'public']);
export const DIGESTS = allOf<User['digest']>()(['daily', 'weekly', 'off']);
export type AccountSession = Ok<'/api/me/sessions', 'get'>['sessions'][number];
export type AccountPatch = Body<'/api/me', 'patch'>;

/** The session as the server sees it: account, CSRF token, consent needed, pending address, upload limit. */
export function fetchMe(signal?: AbortSignal): Promise<MeData> {
  return typed.get('/api/me', { signal });
}

/** Changes settings (or, with current_password and new_password, the password); answers the session. */
export function updateMe(patch: AccountPatch): Promise<MeData> {
  return typed.patch('/api/me', patch);
}

/** Erases the account (the password confirms it). */
export function deleteAccount(password: string) {
  return typed.del('/api/me', { body: { password } });
}

/** Agrees to the current version of the privacy statement or the terms. */
export function giveConsent(document: 'privacy' | 'terms', version: number) {
  return typed.post('/api/me/consent', { document, version });
}

export async function fetchSessions(signal?: AbortSignal): Promise<AccountSession[]> {
  return (await typed.get('/api/me/sessions', { signal })).sessions;
}

export function endSession(id: number) {
  return typed.del('/api/me/sessions/{id}', { path: { id } });
}

/** Verifies residence with a code from a letter; answers the neighbourhood it belongs to. */
export function verifyResidence(code: string) {
  return typed.post('/api/me/residence', { code });
}

/** Asks to move the account to a new address; a link goes there to confirm it. */
export function changeEmail(newEmail: string, currentPassword: string) {
  return typed.post('/api/me/email', { new_email: newEmail.trim(), current_password: currentPassword });
}

export function deleteAvatar() {
  return typed.del('/api/me/avatar');
}

/**
 * Stores a new profile picture (the raw file as PUT, with progress); answers its URL. The body is
 * binary, so this goes through the upload helper, typed with the contract's answer.
 */
export function uploadAvatar(file: Blob, onProgress?: (fraction: number) => void): Promise<Ok<'/api/me/avatar', 'put'>> {
  return uploadRaw<Ok<'/api/me/avatar', 'put'>>('/api/me/avatar', file, onProgress);
}
