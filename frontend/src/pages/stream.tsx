// Home, neighbourhood and city streams: composer on top, newest first, more as you scroll.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t } from '../i18n';
import { onLive } from '../live';
import { announce } from '../announce';
import { getState } from '../store';
import { ItemCard } from '../components/Item';
import { LoadMore } from '../components/LoadMore';
import { ErrorAlert, Page, Submit, TextArea, onSubmit, useAction } from '../components/ui';
import type { ContentItem } from '../types';

const PAGE_SIZE = 20;

interface StreamPageData {
  items: ContentItem[];
  pinned: ContentItem[];
  next: string | null;
}

function parseStream(data: unknown): StreamPageData {
  const items = listOf<ContentItem>(data, 'items');
  const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const cursor = obj.next_before ?? obj.next_cursor ?? obj.next ?? obj.before;
  let next: string | null = null;
  if (typeof cursor === 'string' || typeof cursor === 'number') next = String(cursor);
  else if (cursor === undefined && items.length >= PAGE_SIZE) next = String(items[items.length - 1].id);
  return { items, pinned: Array.isArray(obj.pinned) ? (obj.pinned as ContentItem[]) : [], next };
}

export function Composer(props: { onPosted: (item: ContentItem) => void; containerId?: number }) {
  const [body, setBody] = useState('');
  const { busy, error, setError, run } = useAction(async () => {
    if (!body.trim()) {
      setError(t('composer.empty'));
      return;
    }
    const payload: Record<string, unknown> = { body: body.trim() };
    if (props.containerId) payload.container_id = props.containerId;
    const data = (await api.post('/api/posts', payload)) as Record<string, unknown>;
    const item = (data?.item ?? data?.content ?? data) as ContentItem;
    setBody('');
    announce(t('composer.posted'));
    if (item && item.id !== undefined) props.onPosted(item);
  });
  const noHome = !props.containerId && !getState().user?.neighbourhood_id;
  return (
    <section class="composer" aria-labelledby="composer-heading">
      <h2 id="composer-heading">{t('composer.heading')}</h2>
      {noHome && (
        <p class="hint">
          {t('composer.noNeighbourhood')} <a href="/settings#profile">{t('composer.chooseNeighbourhood')}</a>
        </p>
      )}
      <form onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <TextArea label={t('composer.label')} hint={t('composer.hint')} value={body} onValue={setBody} rows={3} maxLength={10000} />
        <Submit busy={busy} busyText={t('composer.posting')}>
          {t('composer.submit')}
        </Submit>
      </form>
    </section>
  );
}

type Scope = 'home' | 'neighbourhood' | 'city';

/** Whether a live item belongs on this stream page (home shows everything readable). */
function belongsTo(scope: Scope, item: ContentItem): boolean {
  if (scope === 'home') return true;
  const kind = item.container?.kind;
  if (scope === 'city') return kind === 'city';
  return kind === 'neighbourhood' && item.container?.neighbourhood_id === getState().user?.neighbourhood_id;
}

export function StreamPage(props: { scope: Scope }) {
  const [items, setItems] = useState<ContentItem[]>([]);
  const [pinned, setPinned] = useState<ContentItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [ended, setEnded] = useState(false);
  const busy = useRef(false);

  const load = useCallback(
    async (before: string | null) => {
      if (busy.current) return;
      busy.current = true;
      setLoading(true);
      setError(null);
      try {
        const q = new URLSearchParams({ scope: props.scope, limit: String(PAGE_SIZE) });
        if (before) q.set('before', before);
        const page = parseStream(await api.get(`/api/stream?${q}`));
        setItems((old) => {
          const seen = new Set((before ? old : []).map((i) => i.id));
          return [...(before ? old : []), ...page.items.filter((i) => !seen.has(i.id))];
        });
        if (!before) setPinned(page.pinned);
        setNext(page.next);
        setEnded(!page.next || page.items.length === 0);
        if (before) announce(t('stream.loadedMore', { count: page.items.length }));
      } catch (e) {
        setError(e);
      } finally {
        busy.current = false;
        setLoading(false);
      }
    },
    [props.scope],
  );

  useEffect(() => {
    setItems([]);
    setNext(null);
    setEnded(false);
    load(null);
  }, [load]);

  // A new item published while the page is open appears at the top.
  useEffect(
    () =>
      onLive(async (message) => {
        // Frames are {"type":"content","data":{"id","kind","container_id","author_id","urgent"}}:
        // a reference only, so the item is read through the API (which checks access again).
        if (message.type !== 'content') return;
        const data = (message.data ?? {}) as Record<string, unknown>;
        const id = (data.content_id ?? data.id) as number | undefined;
        if (id === undefined) return;
        let item: ContentItem | undefined;
        try {
          const got = (await api.get(`/api/content/${id}`)) as Record<string, unknown>;
          item = (got.item ?? got.content ?? got) as ContentItem;
        } catch {
          return; // Not visible to this person, or gone already.
        }
        if (!belongsTo(props.scope, item)) return;
        if (!item || item.id === undefined) return;
        setItems((old) => (old.some((i) => i.id === item!.id) ? old : [item!, ...old]));
        announce(t('stream.newItem'));
      }),
    [props.scope],
  );

  const titles = { home: t('stream.home'), neighbourhood: t('stream.neighbourhood'), city: t('stream.city') };
  return (
    <Page title={titles[props.scope]}>
      <Composer onPosted={(item) => setItems((old) => [item, ...old.filter((i) => i.id !== item.id)])} />
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
        <ErrorAlert error={items.length ? null : error} />
        {items.length === 0 && !loading && !error && <p>{t('stream.empty')}</p>}
        <div class="item-list" aria-busy={loading ? 'true' : 'false'}>
          {items.map((item) => (
            <ItemCard key={item.id} item={item} headingLevel={3} />
          ))}
        </div>
        <ErrorAlert error={items.length ? error : null} />
        <LoadMore
          more={!!next && !ended}
          loading={loading}
          onMore={() => next && load(next)}
          label={t('stream.loadMore')}
          endText={ended && items.length > 0 ? t('stream.end') : undefined}
          buttonOnly={!!error}
        />
      </section>
    </Page>
  );
}
