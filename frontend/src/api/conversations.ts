// Direct messages: conversations, their messages, reading and starting them.
import type { Schemas } from './contract';
import { typed } from './typed';

export type ConversationData = Schemas['Conversation'];
export type MessageData = Schemas['Message'];

export async function fetchConversations(query: { before?: string | null; limit?: number } = {}, signal?: AbortSignal) {
  const page = await typed.get('/api/conversations', { query: { before: query.before ?? undefined, limit: query.limit }, signal });
  return { items: page.items ?? [], next: page.next_before ?? null, unreadTotal: page.unread_total };
}

export function fetchConversation(id: number, signal?: AbortSignal) {
  return typed.get('/api/conversations/{id}', { path: { id }, signal });
}

export async function fetchMessages(id: number, before: string | null, limit: number, signal?: AbortSignal) {
  const page = await typed.get('/api/conversations/{id}/messages', { path: { id }, query: { before: before ?? undefined, limit }, signal });
  return { items: page.items ?? [], next: page.next_before ?? null };
}

export function sendMessage(id: number, body: string) {
  return typed.post('/api/conversations/{id}/messages', { body }, { path: { id } });
}

export function markConversationRead(id: number, upTo?: number) {
  return typed.post('/api/conversations/{id}/read', upTo ? { up_to: upTo } : {}, { path: { id } });
}

export function startConversation(userIds: number[], body: string, title?: string) {
  return typed.post('/api/conversations', { user_ids: userIds, body, title: title || undefined });
}
