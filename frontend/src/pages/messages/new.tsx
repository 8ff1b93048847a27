// Messages: a new conversation: pick people by name, write the first message (/messages/new).
import { startConversation, type ConversationData } from '../../api/conversations';
import { search as searchAll, type SearchPerson } from '../../api/content';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { fetchProfile } from '../../api/people';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { ErrorAlert, Field, Page, Submit, TextArea, onSubmit, useAction } from '../../components/ui';
import { focusIn } from '../../components/BlockControl';

/** A person picked for the conversation, as a conversation's people carry them (search results also name a department). */
type Person = ConversationData['people'][number] & Partial<Pick<SearchPerson, 'department'>>;

const MAX_OTHERS = 9;

/** Start a conversation: pick 1-9 people (search by name), an optional title, the first message. */
export function NewConversationPage(props: { query: URLSearchParams }) {
  const { user } = useStore();
  const [chosen, setChosen] = useState<Person[]>([]);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Person[] | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const to = props.query.get('to');
  const recipients = useRef<HTMLElement>(null);
  const myId = user?.id;
  useEffect(() => {
    if (!to || !/^\d+$/.test(to) || Number(to) === myId) return;
    // From a profile's "write to" link: that one person's name, read once.
    fetchProfile(Number(to))
      .then((u) => u.display_name || t('messages.unknownPerson'))
      .catch(() => t('messages.unknownPerson'))
      .then((display_name) => setChosen((old) => (old.some((p) => p.id === Number(to)) ? old : [...old, { id: Number(to), display_name }])));
  }, [to, myId]);
  const search = useAction(async () => {
    if (!q.trim()) {
      search.setError(t('messages.searchEmpty'));
      return;
    }
    const people: Person[] = (await searchAll(q.trim(), 0, 1)).people.filter((p) => p.id !== user?.id);
    setResults(people);
    announce(people.length ? tn('messages.found', people.length) : t('messages.foundNone'));
  });
  const start = useAction(async () => {
    if (chosen.length === 0) {
      start.setError(t('messages.pickSomeone'));
      return;
    }
    if (!body.trim()) {
      start.setError(t('messages.empty'));
      return;
    }
    try {
      const data = await startConversation(chosen.map((p) => p.id), body.trim(), chosen.length > 1 ? title.trim() : undefined);
      announce(t('messages.sent'));
      navigate(`/messages/${data.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'blocked') throw new ApiError(e.status, e.code, `${e.message} ${t('messages.blockedStart')}`);
      throw e;
    }
  });
  const add = (p: Person) => {
    if (chosen.length >= MAX_OTHERS) {
      announce(t('messages.tooMany', { count: MAX_OTHERS }));
      return;
    }
    setChosen((old) => (old.some((x) => x.id === p.id) ? old : [...old, p]));
    announce(t('messages.added', { name: p.display_name }));
    focusIn(recipients.current, 'input[type="search"]');
  };
  const remove = (p: Person) => {
    setChosen((old) => old.filter((x) => x.id !== p.id));
    announce(t('messages.removed', { name: p.display_name }));
    focusIn(recipients.current, 'input[type="search"]');
  };
  return (
    <Page title={t('messages.newTitle')}>
      <p>
        <a href="/messages">{t('messages.back')}</a>
      </p>
      <section aria-labelledby="recipients-heading" ref={recipients}>
        <h2 id="recipients-heading">{t('messages.recipients')}</h2>
        <p class="hint">{t('messages.recipientsHint', { count: MAX_OTHERS })}</p>
        <form role="search" class="form" onSubmit={onSubmit(search.run)} noValidate>
          <ErrorAlert error={search.error} />
          <Field label={t('messages.searchPerson')} type="search" autoComplete="off" value={q} onValue={setQ} />
          <Submit busy={search.busy}>{t('search.submit')}</Submit>
        </form>
        {results && results.length === 0 && <p>{t('messages.foundNone')}</p>}
        {results && results.length > 0 && (
          <ul class="pick-list" aria-label={t('messages.searchResults')}>
            {results.map((p) => (
              <li key={p.id}>
                <span>{p.display_name}</span>
                {p.department ? <span class="item-meta"> ({p.department})</span> : null}{' '}
                {chosen.some((x) => x.id === p.id) ? (
                  <span class="hint">{t('messages.alreadyChosen')}</span>
                ) : (
                  <button type="button" class="button button-secondary" onClick={() => add(p)}>
                    {t('messages.add')}
                    <span class="visually-hidden"> {p.display_name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('messages.chosen')}</h3>
        {chosen.length === 0 ? (
          <p>{t('messages.noneChosen')}</p>
        ) : (
          <ul class="pick-list">
            {chosen.map((p) => (
              <li key={p.id}>
                <span>{p.display_name}</span>{' '}
                <button type="button" class="link-button" onClick={() => remove(p)}>
                  {t('messages.remove')}
                  <span class="visually-hidden"> {p.display_name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="first-message-heading">
        <h2 id="first-message-heading">{t('messages.firstMessage')}</h2>
        <form class="form" onSubmit={onSubmit(start.run)} noValidate>
          <ErrorAlert error={start.error} />
          {chosen.length > 1 && <Field label={t('messages.groupTitle')} hint={t('messages.groupTitleHint')} maxLength={200} value={title} onValue={setTitle} />}
          <TextArea label={t('messages.body')} value={body} onValue={setBody} rows={4} maxLength={10000} />
          <Submit busy={start.busy} busyText={t('messages.sending')}>
            {t('messages.start')}
          </Submit>
        </form>
      </section>
    </Page>
  );
}
