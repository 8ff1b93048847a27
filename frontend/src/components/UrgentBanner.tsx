// Urgent announcements (crisis information) reach every open page at once: a live
// {"type":"content","data":{...,"urgent":true}} frame shows a banner on top of whatever page the
// person is on, read out at once (role="alert"), until they close it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { onLive } from '../live';
import type { ContentItem } from '../types';

export function UrgentBanner() {
  const [items, setItems] = useState<ContentItem[]>([]);
  useEffect(
    () =>
      onLive(async (message) => {
        if (message.type !== 'content') return;
        const data = (message.data ?? {}) as { id?: number; urgent?: boolean };
        if (!data.urgent || data.id === undefined) return;
        try {
          const got = (await api.get(`/api/content/${data.id}`)) as Record<string, unknown>;
          const item = (got.item ?? got.content ?? got) as ContentItem;
          if (item && item.id !== undefined) setItems((old) => (old.some((i) => i.id === item.id) ? old : [item, ...old]));
        } catch {
          // Not readable (any more): nothing to show.
        }
      }),
    [],
  );
  if (!items.length) return null;
  return (
    <div class="urgent-banner" role="alert">
      {items.map((item) => (
        <div key={item.id} class="urgent-entry">
          <p>
            <strong>{t('urgent.label')}:</strong> <a href={`/content/${item.id}`}>{item.title || item.summary || t('item.post')}</a>
          </p>
          {item.summary && item.title && <p>{item.summary}</p>}
          <button type="button" class="button button-secondary" onClick={() => setItems((old) => old.filter((i) => i.id !== item.id))}>
            {t('urgent.close')}
            <span class="visually-hidden"> {item.title ?? ''}</span>
          </button>
        </div>
      ))}
    </div>
  );
}
