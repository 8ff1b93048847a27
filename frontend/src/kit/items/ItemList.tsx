// A list of item cards with paging (more as you scroll, and a button) and live insertion: an
// item published while the list is open appears on top when `accepts` says it belongs here.
// useItemList keeps the state; <ItemList> shows it. New items are announced once, politely.
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { onLive } from '../../live';
import { ItemCard } from '../../components/Item';
import { PagedFooter, usePaged, type Page } from '../../components/LoadMore';
import { fetchItem } from '../../api/content';
import { rememberAll } from '../../data/items';
import type { ContentItemData as ContentItem } from '../../api/content';

export function useItemList(load: (cursor: string | null) => Promise<Page<ContentItem>>, deps: unknown[], accepts?: (item: ContentItem) => boolean) {
  const list = usePaged<ContentItem>(async (cursor) => {
    const page = await load(cursor);
    rememberAll(page.items);
    return page;
  }, deps);
  const { setItems } = list;
  const prepend = (item: ContentItem) => setItems((old) => [item, ...old.filter((i) => i.id !== item.id)]);
  useEffect(() => {
    if (!accepts) return;
    return onLive(async (message) => {
      if (message.type === 'resync') {
        list.reload();
        return;
      }
      if (message.type !== 'content') return;
      try {
        const item = await fetchItem(message.data.id);
        if (!accepts(item)) return;
        setItems((old) => (old.some((i) => i.id === item.id) ? old : [item, ...old]));
        announce(t('stream.newItem'));
      } catch {
        // Not readable by this person: not for this list.
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the list is re-made when deps change
  }, [setItems, ...deps]);
  return { ...list, prepend };
}

export function ItemList(props: {
  list: ReturnType<typeof useItemList>;
  emptyText: string;
  moreLabel?: string;
  headingLevel?: 2 | 3 | 4;
  class?: string;
}) {
  const { list } = props;
  return (
    <div class={props.class ?? 'item-list'}>
      {list.loaded && list.items.length === 0 && !list.error && <p>{props.emptyText}</p>}
      {list.items.length > 0 && (
        <ul class="plain-list" aria-busy={list.loading ? 'true' : 'false'}>
          {list.items.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} headingLevel={props.headingLevel ?? 3} />
            </li>
          ))}
        </ul>
      )}
      <PagedFooter paged={list} label={props.moreLabel ?? t('stream.loadMore')} endText={t('stream.end')} />
    </div>
  );
}
