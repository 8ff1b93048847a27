// A search field in the header on every page for signed-in people (search needs an account):
// Enter opens the results page. On phones the bottom bar's "Suche" does the same, so the field
// folds away there; on the results page its own field is the one to use.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { useId } from '../ui';

export function HeaderSearch(props: { path: string }) {
  const { user } = useStore();
  const [text, setText] = useState('');
  const id = useId('hsearch');
  if (!user || props.path === '/search') return null;
  return (
    <form
      role="search"
      aria-label={t('search.header')}
      class="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = text.trim();
        navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
        setText('');
      }}
    >
      <label for={id} class="visually-hidden">
        {t('search.header')}
      </label>
      <input id={id} type="search" value={text} placeholder={t('search.headerPlaceholder')} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit" class="button button-secondary" aria-label={t('search.headerSubmit')}>
        {/* A magnifier: the field's label already says what it does. */}
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5" />
          <path d="M15 15l6 6" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
        </svg>
      </button>
    </form>
  );
}
