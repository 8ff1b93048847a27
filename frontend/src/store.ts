// Session state shared by the shell: meta, the signed-in person, unread count.
// Kept in memory only: nothing personal goes to localStorage or cookies.
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from './api';
import type { Meta, User } from './types';

export interface ConsentNeeded {
  document: 'privacy' | 'terms';
  version: number;
}

export interface State {
  meta: Meta;
  user: User | null;
  unread: number;
  /** Unread direct messages over all conversations (the badge at "Nachrichten"). */
  messagesUnread: number;
  /** Legal texts changed since the person agreed: asked again on every page until answered. */
  consent: ConsentNeeded[];
}

let state: State = {
  meta: { municipality: { name: '' }, languages: ['de', 'en'], default_language: 'de', plugins: [] },
  user: null,
  unread: 0,
  messagesUnread: 0,
  consent: [],
};
const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

export function setState(patch: Partial<State>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStore(): State {
  const [, force] = useState(0);
  useEffect(() => subscribe(() => force((n) => n + 1)), []);
  return state;
}

/** GET /api/me and the login answer carry either {user, csrf_token} or the user's fields plus csrf_token. */
export function acceptSession(data: unknown): User | null {
  if (!data || typeof data !== 'object') return null;
  const obj = data as Record<string, unknown>;
  if (typeof obj.csrf_token === 'string') setCsrfToken(obj.csrf_token);
  const user = (obj.user && typeof obj.user === 'object' ? obj.user : obj) as User;
  if (typeof user.id !== 'number' && typeof user.id !== 'string') return null;
  const consent = Array.isArray(obj.consent_required) ? (obj.consent_required as ConsentNeeded[]) : [];
  setState({ user, consent });
  return user;
}

export async function loadSession(): Promise<User | null> {
  try {
    return acceptSession(await api.get('/api/me'));
  } catch {
    setState({ user: null });
    return null;
  }
}

export function clearSession(): void {
  setCsrfToken('');
  setState({ user: null, unread: 0, messagesUnread: 0, consent: [] });
}
