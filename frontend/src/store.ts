// Session state shared by the shell, as Preact signals: meta, the signed-in person, the unread
// counts, pending consents and the language. A component re-renders only when a signal it read
// changes (the badge when its count changes, not every page on every change).
// Kept in memory only: nothing personal goes to localStorage or cookies.
import { signal, batch } from '@preact/signals';
import { setCsrfToken } from './api';
import { fetchMe, type MeData } from './api/account';
import { languageSignal } from './i18n';
import type { MetaData as Meta } from './api/meta';
import type { User } from './api/account';

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

export const signals = {
  meta: signal<Meta>({ municipality: { name: '' }, languages: ['de', 'en'], default_language: 'de', registration_mode: 'open', plugins: [] }),
  user: signal<User | null>(null),
  unread: signal(0),
  messagesUnread: signal(0),
  consent: signal<ConsentNeeded[]>([]),
  /** The UI language (t() reads it, so translated text follows a change). */
  language: languageSignal,
};

export function getState(): State {
  return {
    meta: signals.meta.peek(),
    user: signals.user.peek(),
    unread: signals.unread.peek(),
    messagesUnread: signals.messagesUnread.peek(),
    consent: signals.consent.peek(),
  };
}

export function setState(patch: Partial<State>): void {
  batch(() => {
    for (const [key, value] of Object.entries(patch) as [keyof State, State[keyof State]][]) {
      (signals[key] as { value: unknown }).value = value;
    }
  });
}

/**
 * The state for a component: each field reads its signal when the component touches it, so the
 * component subscribes to exactly what it uses.
 */
export function useStore(): State {
  return {
    get meta() {
      return signals.meta.value;
    },
    get user() {
      return signals.user.value;
    },
    get unread() {
      return signals.unread.value;
    },
    get messagesUnread() {
      return signals.messagesUnread.value;
    },
    get consent() {
      return signals.consent.value;
    },
  };
}

/** GET /api/me and the login answer: the account, its CSRF token and the consent still needed. */
export function acceptSession(data: MeData): User {
  setCsrfToken(data.csrf_token);
  setState({ user: data.user, consent: data.consent_required });
  return data.user;
}

export async function loadSession(): Promise<User | null> {
  try {
    return acceptSession(await fetchMe());
  } catch {
    setState({ user: null });
    return null;
  }
}

export function clearSession(): void {
  setCsrfToken('');
  setState({ user: null, unread: 0, messagesUnread: 0, consent: [] });
}
