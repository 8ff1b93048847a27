// Registration, the confirmation mail, signing in and out, unlock and password reset links.
import type { Body, Schemas } from './contract';
import { typed } from './typed';

export type Registration = Body<'/api/auth/register', 'post'>;

/** Registers; 'active' with an invitation, otherwise a confirmation mail was sent. */
export async function register(body: Registration): Promise<'active' | 'confirmation_sent'> {
  const answer = await typed.post('/api/auth/register', body);
  return answer.status === 'active' ? 'active' : 'confirmation_sent';
}

/** Confirms the address with the token from the mail: active, or awaiting_approval in approval mode. */
export async function confirmEmail(token: string): Promise<'active' | 'awaiting_approval'> {
  const answer = await typed.post('/api/auth/confirm', { token });
  return answer.status === 'awaiting_approval' ? 'awaiting_approval' : 'active';
}

/** Uses the link from the mail to a new address; answers that address. */
export async function confirmEmailChange(token: string): Promise<string> {
  return (await typed.post('/api/auth/email-change/confirm', { token })).email;
}

/** Sends the confirmation mail again; the server answers alike whether or not the address is known. */
export function resendConfirmation(email: string) {
  return typed.post('/api/auth/confirm/resend', { email: email.trim() });
}

/** The registration mode (open, approval, invite). */
export async function registrationMode(signal?: AbortSignal): Promise<string> {
  const answer = await typed.get('/api/auth/registration', { signal });
  return answer.mode ?? 'open';
}

export type MeData = Schemas['Me'];

/** Signs in; answers the session (account, CSRF token, consent still needed). */
export function login(email: string, password: string): Promise<MeData> {
  return typed.post('/api/auth/login', { email: email.trim(), password });
}

/** Ends this session. */
export function logout() {
  return typed.post('/api/auth/logout', undefined);
}

/** Ends every session of the account, this one included; answers how many. */
export function logoutEverywhere() {
  return typed.post('/api/auth/logout-all', undefined);
}

/** Sends a link that makes this browser a known device of a locked account. */
export function requestUnlock(email: string) {
  return typed.post('/api/auth/unlock', { email: email.trim() });
}

export function confirmUnlock(token: string) {
  return typed.post('/api/auth/unlock/confirm', { token });
}

/** Sends a reset link; the server answers alike whether or not the address is known. */
export function requestPasswordReset(email: string) {
  return typed.post('/api/auth/password-reset', { email: email.trim() });
}

export function confirmPasswordReset(token: string, password: string) {
  return typed.post('/api/auth/password-reset/confirm', { token, password });
}
