// Notifications: the list, and the unread count that the header badge shows live.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { onLive } from '../live';
import { setState } from '../store';
import { isUnread } from '../notificationsBadge';
import { Page, Time } from '../components/ui';
import { PagedFooter, usePaged } from '../components/LoadMore';
import { fetchNotifications, markNotificationsRead } from '../api/notifications';
import type { NotificationData as Notification } from '../api/notifications';
import { describeNotification as describe } from '../components/notifications/describe';

/** Only relative links inside the app are followed. */
function linkOf(n: Notification): string | null {
  if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) return n.link;
  return n.content_id ? `/content/${n.content_id}` : null;
}

export function NotificationsPage() {
  const paged = usePaged<Notification>(
    (before) => fetchNotifications({ before, limit: 30 }),
    [],
    { keep: 'notifications' },
  );
  // A new notification appears on top; the pages already loaded below stay as they are.
  const { setItems } = paged;
  useEffect(
    () =>
      onLive(async (m) => {
        if (m.type !== 'notification') return;
        try {
          const fresh = (await fetchNotifications({ limit: 30 })).items;
          setItems((old) => [...fresh.filter((n) => !old.some((o) => o.id === n.id)), ...old]);
        } catch {
          // The next visit shows it; the badge already counts it.
        }
      }),
    [setItems],
  );
  const marked = useRef(new Set<number>());
  useEffect(() => {
    // Seen on this page: mark read so the badge goes down (each page once, as it loads).
    const unread = paged.items.filter((n) => isUnread(n) && !marked.current.has(n.id)).map((n) => n.id);
    if (unread.length === 0) return;
    for (const id of unread) marked.current.add(id);
    markNotificationsRead(unread)
      .then((r) => setState({ unread: r.unread_count ?? 0 }))
      .catch(() => undefined);
  }, [paged.items]);
  return (
    <Page title={t('notifications.title')}>
      {paged.loaded && paged.items.length === 0 && !paged.error && <p>{t('notifications.none')}</p>}
      {paged.items.length > 0 && (
        <ul class="notification-list" aria-busy={paged.loading ? 'true' : 'false'}>
          {paged.items.map((n) => (
            <li key={n.id} class={isUnread(n) ? 'notification unread' : 'notification'}>
              {isUnread(n) && <span class="tag">{t('notifications.new')}</span>}{' '}
              {linkOf(n) ? <a href={linkOf(n)!}>{describe(n)}</a> : <span>{describe(n)}</span>}
              {n.urgent && <strong> ({t('notifications.urgent')})</strong>}
              {' · '}
              <Time ms={n.created_at} />
            </li>
          ))}
        </ul>
      )}
      <PagedFooter paged={paged} label={t('notifications.loadMore')} endText={t('notifications.end')} />
    </Page>
  );
}
