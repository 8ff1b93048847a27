// Search over everything the person may read.
import { useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { ItemCard } from '../components/Item';
import { ErrorAlert, Field, Loading, Page, Submit, onSubmit, useLoad } from '../components/ui';
import type { ContentItem } from '../types';

export function SearchPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = useLoad(async () => (q ? listOf<ContentItem>(await api.get(`/api/search?q=${encodeURIComponent(q)}`), 'results') : null), [q]);
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
          {results.data && results.data.length === 0 && <p role="status">{t('search.none')}</p>}
          {results.data && results.data.length > 0 && (
            <>
              <p role="status">{t('search.count', { count: results.data.length })}</p>
              {results.data.map((item) => (
                <ItemCard key={item.id} item={item} headingLevel={3} />
              ))}
            </>
          )}
        </section>
      )}
    </Page>
  );
}
