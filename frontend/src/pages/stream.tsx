// Home, neighbourhood and city streams: composer on top, newest first, more as you scroll.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { onLive } from '../live';
import { announce } from '../announce';
import { getState } from '../store';
import { ItemCard } from '../components/Item';
import { PagedFooter, usePaged } from '../components/LoadMore';
import { Page } from '../components/ui';
import type { ContentItemData as ContentItem } from '../api/content';
import { Composer } from '../kit/items/Composer';
import { Slot } from '../plugins/slots';
import { currentKey } from '../router';
import { keep, recall } from '../data/memory';
import { fetchItem, fetchStream } from '../api/content';

const PAGE_SIZE = 20;

type Scope = 'home' | 'neighbourhood' | 'city';

/** Whether a live item belongs on this stream page (home shows everything readable). */
function belongsTo(scope: Scope, item: ContentItem): boolean {
  if (scope === 'home') return true;
  const kind = item.container?.kind;
  if (scope === 'city') return kind === 'city';
  return kind === 'neighbourhood' && item.container?.neighbourhood_id === getState().user?.neighbourhood_id;
}

export function StreamPage(props: { scope: Scope }) {
  // The pinned announcements come with the first page; both are kept for Back.
  const [entry] = useState(currentKey);
  const keptAs = `stream:${props.scope}`;
  const [pinned, setPinned] = useState<ContentItem[]>(() => recall<ContentItem[]>(entry, `${keptAs}:pinned`) ?? []);
  useEffect(() => keep(entry, `${keptAs}:pinned`, pinned), [entry, keptAs, pinned]);
  // Where a post written here goes: the city page posts to the city, never to one's neighbourhood.
  const [cityId, setCityId] = useState<number | null>(() => recall<number>(entry, `${keptAs}:container`) ?? null);
  useEffect(() => keep(entry, `${keptAs}:container`, cityId), [entry, keptAs, cityId]);
  const list = usePaged<ContentItem>(
    async (before) => {
      const page = await fetchStream({ scope: props.scope, limit: PAGE_SIZE, before });
      if (!before) {
        setPinned(page.pinned);
        if (props.scope === 'city') setCityId(page.containerId);
      }
      return page;
    },
    [props.scope],
    { keep: keptAs, loadedMessage: (count) => t('stream.loadedMore', { count }) },
  );
  const { items, setItems } = list;

  // A new item published while the page is open appears at the top.
  useEffect(
    () =>
      onLive(async (message) => {
        // Frames are {"type":"content","data":{"id","kind","container_id","author_id","urgent"}}:
        // a reference only, so the item is read through the API (which checks access again).
        if (message.type === 'resync') {
          // Frames may have been missed (sleep, lost connection): what is new on the first page goes on top.
          try {
            const page = await fetchStream({ scope: props.scope, limit: PAGE_SIZE });
            setItems((old) => {
              const seen = new Set(old.map((i) => i.id));
              const fresh = page.items.filter((i) => !seen.has(i.id));
              return fresh.length ? [...fresh, ...old] : old;
            });
            setPinned(page.pinned);
          } catch {
            // The next live frame or reload catches up; nothing shown is lost.
          }
          return;
        }
        if (message.type !== 'content') return;
        const id = message.data.id;
        let item: ContentItem;
        try {
          item = await fetchItem(id);
        } catch {
          return; // Not visible to this person, or gone already.
        }
        if (!belongsTo(props.scope, item)) return;
        setItems((old) => (old.some((i) => i.id === item.id) ? old : [item, ...old]));
        announce(t('stream.newItem'));
      }),
    [props.scope, setItems],
  );

  const titles = { home: t('stream.home'), neighbourhood: t('stream.neighbourhood'), city: t('stream.city') };
  const onPosted = (item: ContentItem) => setItems((old) => [item, ...old.filter((i) => i.id !== item.id)]);
  // A pinned announcement shows once, in the pinned list, not again in the stream below it.
  const pinnedIds = new Set(pinned.map((i) => i.id));
  return (
    <Page title={titles[props.scope]}>
      {props.scope !== 'city' ? (
        <Composer onPosted={onPosted} />
      ) : (
        cityId !== null && <Composer onPosted={onPosted} containerId={cityId} label={t('composer.labelCity')} hint={t('composer.hintCity')} />
      )}
      {props.scope === 'city' && <Slot name="city.sections" context={{ containerId: cityId }} />}
      {pinned.length > 0 && (
        <section aria-labelledby="pinned-heading" class="pinned">
          <h2 id="pinned-heading">{t('stream.pinned')}</h2>
          {pinned.map((item) => (
            <ItemCard key={item.id} item={item} headingLevel={3} />
          ))}
        </section>
      )}
      <section aria-labelledby="stream-heading" class="stream">
        <h2 id="stream-heading" class="visually-hidden">
          {t('stream.latest')}
        </h2>
        {items.length === 0 && list.loaded && !list.loading && !list.error && <p>{t('stream.empty')}</p>}
        <div class="item-list" aria-busy={list.loading ? 'true' : 'false'}>
          {items.filter((item) => !pinnedIds.has(item.id)).map((item) => (
            <ItemCard key={item.id} item={item} headingLevel={3} />
          ))}
        </div>
        <PagedFooter paged={list} label={t('stream.loadMore')} endText={t('stream.end')} />
      </section>
    </Page>
  );
}
