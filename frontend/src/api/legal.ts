// Legal texts (imprint, privacy, terms, accessibility statement).
import { ApiError } from './client';
import { allOf, type Schemas } from './contract';
import { typed } from './typed';

export type LegalKind = Schemas['LegalKind'];
export type LegalText = Schemas['LegalText'];
export const LEGAL_KINDS = allOf<LegalKind>()(['imprint', 'privacy', 'terms', 'accessibility']);

/** The current text, or null when none was published (404). Every other failure throws. */
export async function fetchLegalText(kind: LegalKind, signal?: AbortSignal): Promise<LegalText | null> {
  try {
    return await typed.get('/api/legal/{kind}', { path: { kind }, signal });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Publishes a new version (admins); answers the stored text with its new version number. */
export function publishLegalText(kind: LegalKind, body: string): Promise<LegalText> {
  return typed.put('/api/admin/legal/{kind}', { body }, { path: { kind } });
}

/** Which texts are published: each kind with its current text, or null when there is none. */
export function fetchLegalIndex(signal?: AbortSignal) {
  return typed.get('/api/legal', { signal });
}
