// The unread-notifications badge: one count at start (and after sign-in), then kept current by
// each live {"type":"notification"} frame.
import { fetchNotifications } from './api/notifications';
import { onLive } from './live';
import { getState, setState } from './store';
import { refreshMessagesUnread } from './messagesBadge';
import type { NotificationData as Notification } from './api/notifications';

export function isUnread(n: Notification): boolean {
  return !n.read;
}

export async function refreshUnread(): Promise<void> {
  if (!getState().user) return;
  refreshMessagesUnread();
  try {
    const page = await fetchNotifications({ limit: 50 });
    setState({ unread: page.unread ?? page.items.filter(isUnread).length });
  } catch {
    // The badge is a convenience; the notifications page shows errors in words.
  }
}

/** Keeps the badge current: one fetch at start, then each live "notification" message, and a fresh count on re-sync. */
export function watchNotifications(): () => void {
  refreshUnread();
  return onLive((message) => {
    // After a reconnect or a wake-up frames may have been missed: count again (messages too).
    if (message.type === 'resync') {
      refreshUnread();
      return;
    }
    if (message.type === 'notification' && !message.data.read) setState({ unread: getState().unread + 1 });
  });
}

