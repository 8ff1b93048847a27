// Notifications: the list, and the unread count that the header badge shows live.
import { useEffect, useRef } from 'preact/hooks';
import { api, listOf } from '../api';
import { t } from '../i18n';
import { onLive } from '../live';
import { getState, setState } from '../store';
import { refreshMessagesUnread } from '../messagesBadge';
import { Page, Time } from '../components/ui';
import { PagedFooter, pageOf, usePaged } from '../components/LoadMore';
import type { Notification } from '../types';

/** What a notification says: the kind's sentence, plus a title or excerpt from its payload. */
function describe(n: Notification): string {
  const payload = (n.payload ?? {}) as Record<string, string>;
  // Moderation notes name their action (hide, warn, suspend, ...); other kinds one sentence each.
  const keys = n.kind === 'moderation' && payload.action ? [`notification.moderation.${payload.action}`, 'notification.moderation'] : [`notification.${n.kind ?? 'undefined'}`];
  let text = t('notification.undefined');
  for (const key of keys) {
    const candidate = t(key, payload);
    if (candidate !== key) {
      text = candidate;
      break;
    }
  }
  if (n.kind === 'moderation') return payload.reason ? `${text} ${t('notification.reason', { reason: payload.reason })}` : text;
  const detail = payload.title || payload.summary || n.title || n.text;
  return typeof detail === 'string' && detail ? `${text}: ${detail}` : text;
}

/** Only relative links inside the app are followed. */
function linkOf(n: Notification): string | null {
  if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) return n.link;
  return n.content_id ? `/content/${n.content_id}` : null;
}

function isUnread(n: Notification): boolean {
  return n.read === false || (n.read === undefined && !n.read_at);
}

export async function refreshUnread(): Promise<void> {
  if (!getState().user) return;
  refreshMessagesUnread();
  try {
    const data = await api.get('/api/notifications?limit=50');
    const obj = (data ?? {}) as Record<string, unknown>;
    const unread =
      typeof obj.unread_count === 'number' ? obj.unread_count : listOf<Notification>(data, 'notifications').filter(isUnread).length;
    setState({ unread });
  } catch {
    // The badge is a convenience; the notifications page shows errors in words.
  }
}

/** Keeps the badge current: one fetch at start, then each live "notification" message. */
export function watchNotifications(): () => void {
  refreshUnread();
  return onLive((message) => {
    if (message.type !== 'notification') return;
    const data = (message.data ?? {}) as { read?: boolean };
    if (typeof message.unread === 'number') setState({ unread: message.unread });
    else if (!data.read) setState({ unread: getState().unread + 1 });
  });
}

export function NotificationsPage() {
  const paged = usePaged<Notification>(
    async (before) => pageOf<Notification>(await api.get(`/api/notifications?limit=30${before ? `&before=${encodeURIComponent(before)}` : ''}`), 'notifications'),
    [],
  );
  // A new notification appears on top; the pages already loaded below stay as they are.
  useEffect(
    () =>
      onLive(async (m) => {
        if (m.type !== 'notification') return;
        try {
          const fresh = pageOf<Notification>(await api.get('/api/notifications?limit=30'), 'notifications').items;
          paged.setItems((old) => [...fresh.filter((n) => !old.some((o) => o.id === n.id)), ...old]);
        } catch {
          // The next visit shows it; the badge already counts it.
        }
      }),
    [],
  );
  const marked = useRef(new Set<number>());
  useEffect(() => {
    // Seen on this page: mark read so the badge goes down (each page once, as it loads).
    const unread = paged.items.filter((n) => isUnread(n) && !marked.current.has(n.id)).map((n) => n.id);
    if (unread.length === 0) return;
    for (const id of unread) marked.current.add(id);
    api
      .post<{ unread_count?: number }>('/api/notifications/read', { ids: unread })
      .then((r) => setState({ unread: typeof r?.unread_count === 'number' ? r.unread_count : 0 }))
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
