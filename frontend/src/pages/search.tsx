// Search over everything the person may read: people by name on top, then items, more as you scroll.
import { useState } from 'preact/hooks';
import { search, type SearchPerson } from '../api/content';
import { t, tn } from '../i18n';
import { navigate } from '../router';
import { AuthorName, ItemCard } from '../components/Item';
import { Avatar } from '../kit/media/Avatar';
import { Field, Page, Submit, onSubmit } from '../components/ui';
import { PagedFooter, usePaged } from '../components/LoadMore';
import type { ContentItemData as ContentItem } from '../api/content';

const PAGE_SIZE = 20;

export function SearchPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const [text, setText] = useState(q);
  const [people, setPeople] = useState<SearchPerson[]>([]);
  // {items, people, containers}: people and containers come with the first page only; the
  // next pages are asked for by offset.
  const results = usePaged<ContentItem>(
    async (offset) => {
      if (!q) {
        setPeople([]);
        return { items: [], next: null };
      }
      const { items, people } = await search(q, Number(offset ?? 0), PAGE_SIZE);
      if (!offset) setPeople(people);
      const shown = Number(offset ?? 0) + items.length;
      return { items, next: items.length >= PAGE_SIZE && shown < 1000 ? String(shown) : null };
    },
    [q],
    { loadedMessage: (count) => tn('search.loadedMore', count) },
  );
  const total = results.items.length + people.length;
  const done = results.loaded && !results.loading;
  return (
    <Page title={t('search.title')}>
      <form role="search" class="form search-form" onSubmit={onSubmit(() => navigate(`/search?q=${encodeURIComponent(text.trim())}`))}>
        <Field label={t('search.label')} type="search" value={text} onValue={setText} />
        <Submit busy={false}>{t('search.submit')}</Submit>
      </form>
      {q && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('search.resultsFor', { q })}</h2>
          {done && total === 0 && !results.error && <p role="status">{t('search.none')}</p>}
          {results.loaded && total > 0 && (
            <p role="status">{results.next ? tn('search.countMore', total) : t('search.count', { count: total })}</p>
          )}
          {people.length > 0 && (
            <>
              <h3>{t('search.people')}</h3>
              <ul>
                {people.map((p) => (
                  <li key={p.id}>
                    <Avatar name={p.display_name} src={p.avatar} />
                    <AuthorName author={p} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {results.items.length > 0 && (
            <>
              <h3>{t('search.items')}</h3>
              <div class="item-list" aria-busy={results.loading ? 'true' : 'false'}>
                {results.items.map((item) => (
                  <ItemCard key={item.id} item={item} headingLevel={4} />
                ))}
              </div>
            </>
          )}
          <PagedFooter paged={results} label={t('search.loadMore')} endText={total > 0 ? t('search.end') : undefined} />
        </section>
      )}
    </Page>
  );
}
