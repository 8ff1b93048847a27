// Registration and the confirmation mail, typed from the contract.
import type { Body } from './contract';
import { typed } from './typed';

export type Registration = Body<'/api/auth/register', 'post'>;

/** Registers; 'active' with an invitation, otherwise a confirmation mail was sent. */
export async function register(body: Registration): Promise<'active' | 'confirmation_sent'> {
  const answer = await typed.post('/api/auth/register', body);
  return answer.status === 'active' ? 'active' : 'confirmation_sent';
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
