// Urgent announcements (crisis information) reach every open page at once: a live
// {"type":"content","data":{"id":..,"urgent":true}} frame shows a banner on top of whatever page
// the person is on, read out at once (role="alert"), until they close it. When the item cannot
// be loaded the banner still says that an urgent announcement exists, links to it and offers
// to try again: one failed request must not swallow a warning.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { onLive } from '../live';
import { fetchItem, type ContentItemData } from '../api/content';
import { RetryAlert } from './RetryAlert';

interface Entry {
  id: number;
  item?: ContentItemData;
  error?: unknown;
  loading: boolean;
}

export function UrgentBanner() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const load = useCallback((id: number) => {
    const update = (patch: Partial<Entry>) => setEntries((old) => old.map((e) => (e.id === id ? { ...e, ...patch } : e)));
    update({ loading: true });
    fetchItem(id).then(
      (item) => update({ item, error: undefined, loading: false }),
      (error) => update({ error, loading: false }),
    );
  }, []);
  useEffect(
    () =>
      onLive((message) => {
        if (message.type !== 'content' || !message.data.urgent) return;
        const id = message.data.id;
        setEntries((old) => (old.some((e) => e.id === id) ? old : [{ id, loading: true }, ...old]));
        load(id);
      }),
    [load],
  );
  if (!entries.length) return null;
  return (
    <div class="urgent-banner" role="alert">
      {entries.map((e) => (
        <div key={e.id} class="urgent-entry">
          <p>
            <strong>{t('urgent.label')}:</strong>{' '}
            <a href={`/content/${e.id}`}>{e.item ? e.item.title || e.item.summary || t('item.post') : t('urgent.open')}</a>
          </p>
          {e.item?.summary && e.item.title && <p class="plain-lines">{e.item.summary}</p>}
          {!e.item && e.error ? <RetryAlert alert={false} error={e.error} what={t('urgent.failed')} busy={e.loading} onRetry={() => load(e.id)} /> : null}
          <button type="button" class="button button-secondary" onClick={() => setEntries((old) => old.filter((x) => x.id !== e.id))}>
            {t('urgent.close')}
            <span class="visually-hidden"> {e.item?.title ?? ''}</span>
          </button>
        </div>
      ))}
    </div>
  );
}
