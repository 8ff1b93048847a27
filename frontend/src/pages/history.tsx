// Edit history of an item: the current text, then each earlier version (newest first) with
// when it was replaced. GET /api/content/{id} and /api/content/{id}/revisions. Loaded lazily.
import { fetchItem, fetchRevisions } from '../api/content';
import { t } from '../i18n';
import { AuthorName, itemTitle } from '../components/Item';
import { ErrorAlert, Loading, Page, Time, useLoad } from '../components/ui';

function Text(props: { text: string }) {
  return (
    <div class="item-body">
      {props.text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </div>
  );
}

export function HistoryPage(props: { id: string }) {
  const id = encodeURIComponent(props.id);
  const loaded = useLoad(async (signal) => {
    const item = await fetchItem(props.id, signal);
    const revisions = await fetchRevisions(props.id, signal);
    return { item, revisions };
  }, [props.id]);
  const item = loaded.data?.item;
  const name = item ? itemTitle(item) : '';
  return (
    <Page title={item ? t('history.titleOf', { name }) : t('history.title')}>
      <p>
        <a href={`/content/${id}`}>{t('history.back')}</a>
      </p>
      {loaded.loading && <Loading />}
      <ErrorAlert error={loaded.error} />
      {loaded.data && item && (
        <>
          <p>{t('history.explain')}</p>
          <section aria-labelledby="current-version" class="revision current">
            <h2 id="current-version">
              {t('history.current')}
              {item.revision ? ` (${t('history.version', { n: item.revision })})` : ''}
            </h2>
            <p class="item-meta">
              <AuthorName author={item.author} />
              {item.updated_at ? (
                <>
                  {' · '}
                  {t('history.changedAt')} <Time ms={item.updated_at} />
                </>
              ) : null}
            </p>
            {item.title && <p><strong>{item.title}</strong></p>}
            <Text text={item.body ?? item.summary ?? ''} />
          </section>
          {loaded.data.revisions.length === 0 && <p>{t('history.none')}</p>}
          {loaded.data.revisions.map((r) => (
            <section key={r.revision} aria-labelledby={`revision-${r.revision}`} class="revision">
              <h2 id={`revision-${r.revision}`}>{t('history.version', { n: r.revision })}</h2>
              <p class="item-meta">
                {t('history.replacedAt')} <Time ms={r.replaced_at} />
              </p>
              {r.title && <p><strong>{r.title}</strong></p>}
              <Text text={r.body ?? r.summary ?? ''} />
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
