// Messages: the conversations with unread counts (/messages). Loaded lazily.
import { fetchConversations } from '../../api/conversations';
import { MessagesNav, ConversationEntry } from '../../components/conversations';
import { useEffect } from 'preact/hooks';
import { t, tn } from '../../i18n';
import { onLive } from '../../live';
import { setState } from '../../store';
import { Page } from '../../components/ui';
import { PagedFooter, usePaged } from '../../components/LoadMore';
import type { ConversationData as Conversation } from '../../api/conversations';

export function MessagesPage() {
  const list = usePaged<Conversation>(
    async (before) => {
      const page = await fetchConversations({ before, limit: 30 });
      if (!before && typeof page.unreadTotal === 'number') setState({ messagesUnread: page.unreadTotal });
      return page;
    },
    [],
    { loadedMessage: (count) => tn('messages.loadedMore', count), keep: 'conversations' },
  );
  // A new message moves its conversation to the top with its unread count (older pages stay).
  const { setItems } = list;
  useEffect(
    () =>
      onLive(async (m) => {
        if (m.type !== 'message') return;
        try {
          const fresh = (await fetchConversations({ limit: 30 })).items;
          setItems((old) => [...fresh, ...old.filter((o) => !fresh.some((c) => c.id === o.id))]);
        } catch {
          // The badge already counts it; the list shows it on the next visit.
        }
      }),
    [setItems],
  );
  return (
    <Page title={t('messages.title')}>
      <p>{t('messages.explain')}</p>
      <MessagesNav />
      <section aria-labelledby="conversations-heading">
        <h2 id="conversations-heading">{t('messages.conversations')}</h2>
        {list.loaded && list.items.length === 0 && !list.error && <p>{t('messages.none')}</p>}
        {list.items.length > 0 && (
          <ul class="conversation-list" aria-busy={list.loading ? 'true' : 'false'}>
            {list.items.map((c) => (
              <ConversationEntry key={c.id} c={c} />
            ))}
          </ul>
        )}
        <PagedFooter paged={list} label={t('messages.loadMoreConversations')} />
      </section>
    </Page>
  );
}
