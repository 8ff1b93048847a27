// Search over everything the person may read.
import { useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { AuthorName, ItemCard } from '../components/Item';
import { ErrorAlert, Field, Loading, Page, Submit, onSubmit, useLoad } from '../components/ui';
import type { Author, ContentItem } from '../types';

export function SearchPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const [text, setText] = useState(q);
  // {items, people, containers}: content the person may read, people and groups by name.
  const results = useLoad(async () => {
    if (!q) return null;
    const data = (await api.get(`/api/search?q=${encodeURIComponent(q)}`)) as Record<string, unknown>;
    return {
      items: listOf<ContentItem>(data, 'items'),
      people: listOf<Author>(data?.people ?? [], 'people'),
    };
  }, [q]);
  const total = results.data ? results.data.items.length + results.data.people.length : 0;
  return (
    <Page title={t('search.title')}>
      <form role="search" class="form search-form" onSubmit={onSubmit(() => navigate(`/search?q=${encodeURIComponent(text.trim())}`))}>
        <Field label={t('search.label')} type="search" value={text} onValue={setText} />
        <Submit busy={false}>{t('search.submit')}</Submit>
      </form>
      {q && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('search.resultsFor', { q })}</h2>
          {results.loading && <Loading />}
          <ErrorAlert error={results.error} />
          {results.data && total === 0 && <p role="status">{t('search.none')}</p>}
          {results.data && total > 0 && <p role="status">{t('search.count', { count: total })}</p>}
          {results.data && results.data.people.length > 0 && (
            <>
              <h3>{t('search.people')}</h3>
              <ul>
                {results.data.people.map((p) => (
                  <li key={p.id}>
                    <AuthorName author={p} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {results.data && results.data.items.length > 0 && (
            <>
              <h3>{t('search.items')}</h3>
              {results.data.items.map((item) => (
                <ItemCard key={item.id} item={item} headingLevel={4} />
              ))}
            </>
          )}
        </section>
      )}
    </Page>
  );
}
