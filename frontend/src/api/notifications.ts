// Notifications: pages of them, the unread count, marking read.
import type { Schemas } from './contract';
import { typed } from './typed';

export type NotificationData = Schemas['Notification'];

export async function fetchNotifications(query: { before?: string | null; limit?: number; unread?: boolean } = {}, signal?: AbortSignal) {
  const page = await typed.get('/api/notifications', {
    query: { before: query.before ?? undefined, limit: query.limit, unread: query.unread ? '1' : undefined },
    signal,
  });
  return { items: page.items ?? [], next: page.next_before ?? null, unread: page.unread_count };
}

/** Marks the given notifications read (all without ids); answers the unread count left. */
export async function markNotificationsRead(ids?: number[]) {
  return typed.post('/api/notifications/read', ids ? { ids } : {});
}
