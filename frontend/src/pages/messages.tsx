// Direct messages between two people and small groups (2-10 people):
// /messages (conversations with unread counts), /messages/new (pick people, first message),
// /messages/:id (the conversation, live). Loaded lazily: not part of the first page.
// API: /api/conversations, /api/conversations/{id} (members with names), /api/conversations/{id}/messages|read,
// /api/blocks (schemas/openapi.yaml).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, listOf } from '../api';
import { t, tn } from '../i18n';
import { announce } from '../announce';
import { onLive } from '../live';
import { navigate } from '../router';
import { getState, setState, useStore } from '../store';
import { refreshMessagesUnread, setOpenConversation } from '../messagesBadge';
import { ErrorAlert, Field, Loading, Notice, Page, Submit, TextArea, Time, onSubmit, useAction, useLoad } from '../components/ui';
import { BlockControl, focusIn } from '../components/BlockControl';
import { LoadMore, PagedFooter, pageOf, usePaged } from '../components/LoadMore';
import type { Author, Conversation, Message } from '../types';

/** Names of a conversation's members, as the API sends them in `people`. */
function namesOf(c: Conversation): Record<number, string> {
  return Object.fromEntries((c.people ?? []).map((p) => [p.id, p.display_name]));
}

function others(c: Conversation): number[] {
  const me = getState().user?.id;
  return c.members.filter((m) => m !== me);
}

function conversationName(c: Conversation): string {
  if (c.title) return c.title;
  const found = namesOf(c);
  const list = others(c).map((id) => found[id] ?? t('messages.unknownPerson'));
  return list.length ? list.join(', ') : t('messages.onlyYou');
}

function MessagesNav() {
  return (
    <p class="actions">
      <a class="button button-primary" href="/messages/new">
        {t('messages.new')}
      </a>
    </p>
  );
}

function ConversationEntry(props: { c: Conversation }) {
  const { c } = props;
  const unread = c.unread ?? 0;
  return (
    <li class={unread ? 'conversation unread' : 'conversation'}>
      <a href={`/messages/${c.id}`} class="conversation-link">
        {conversationName(c)}
      </a>
      {unread > 0 && (
        <span class="badge">
          <span aria-hidden="true">{unread}</span>
          <span class="visually-hidden">{tn('messages.unread', unread)}</span>
        </span>
      )}
      <span class="item-meta">
        {' · '}
        {others(c).length > 1 ? t('messages.groupOf', { count: c.members.length }) : t('messages.pair')}
        {c.updated_at ? ' · ' : ''}
        {c.updated_at ? <Time ms={c.updated_at} /> : null}
      </span>
    </li>
  );
}

export function MessagesPage() {
  const list = usePaged<Conversation>(
    async (before) => {
      const data = await api.get<{ unread_total?: number }>(`/api/conversations?limit=30${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      if (!before && typeof data?.unread_total === 'number') setState({ messagesUnread: data.unread_total });
      return pageOf<Conversation>(data, 'conversations');
    },
    [],
    { loadedMessage: (count) => tn('messages.loadedMore', count) },
  );
  // A new message moves its conversation to the top with its unread count (older pages stay).
  useEffect(
    () =>
      onLive(async (m) => {
        if (m.type !== 'message') return;
        try {
          const fresh = pageOf<Conversation>(await api.get('/api/conversations?limit=30'), 'conversations').items;
          list.setItems((old) => [...fresh, ...old.filter((o) => !fresh.some((c) => c.id === o.id))]);
        } catch {
          // The badge already counts it; the list shows it on the next visit.
        }
      }),
    [],
  );
  return (
    <Page title={t('messages.title')}>
      <p>{t('messages.explain')}</p>
      <MessagesNav />
      <section aria-labelledby="conversations-heading">
        <h2 id="conversations-heading">{t('messages.conversations')}</h2>
        {list.loaded && list.items.length === 0 && !list.error && <p>{t('messages.none')}</p>}
        {list.items.length > 0 && (
          <ul class="conversation-list" aria-busy={list.loading ? 'true' : 'false'}>
            {list.items.map((c) => (
              <ConversationEntry key={c.id} c={c} />
            ))}
          </ul>
        )}
        <PagedFooter paged={list} label={t('messages.loadMoreConversations')} />
      </section>
    </Page>
  );
}

const MAX_OTHERS = 9;

/** Start a conversation: pick 1-9 people (search by name), an optional title, the first message. */
export function NewConversationPage(props: { query: URLSearchParams }) {
  const { user } = useStore();
  const [chosen, setChosen] = useState<Author[]>([]);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Author[] | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const to = props.query.get('to');
  const recipients = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!to || !/^\d+$/.test(to) || Number(to) === user?.id) return;
    // From a profile's "write to" link: that one person's name, read once.
    api
      .get<{ display_name?: string }>(`/api/users/${to}`)
      .then((u) => u?.display_name || t('messages.unknownPerson'))
      .catch(() => t('messages.unknownPerson'))
      .then((display_name) => setChosen((old) => (old.some((p) => p.id === Number(to)) ? old : [...old, { id: Number(to), display_name }])));
  }, [to]);
  const search = useAction(async () => {
    if (!q.trim()) {
      search.setError(t('messages.searchEmpty'));
      return;
    }
    const data = (await api.get(`/api/search?q=${encodeURIComponent(q.trim())}&limit=1`)) as Record<string, unknown>;
    const people = listOf<Author>(data?.people ?? [], 'people').filter((p) => p.id !== user?.id);
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
    const payload: Record<string, unknown> = { user_ids: chosen.map((p) => p.id), body: body.trim() };
    if (title.trim() && chosen.length > 1) payload.title = title.trim();
    try {
      const data = await api.post<{ id: number }>('/api/conversations', payload);
      announce(t('messages.sent'));
      navigate(`/messages/${data.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'blocked') throw new ApiError(e.status, e.code, `${e.message} ${t('messages.blockedStart')}`);
      throw e;
    }
  });
  const add = (p: Author) => {
    if (chosen.length >= MAX_OTHERS) {
      announce(t('messages.tooMany', { count: MAX_OTHERS }));
      return;
    }
    setChosen((old) => (old.some((x) => x.id === p.id) ? old : [...old, p]));
    announce(t('messages.added', { name: p.display_name }));
    focusIn(recipients.current, 'input[type="search"]');
  };
  const remove = (p: Author) => {
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

/** The conversation with its members' names (404 for anyone not in it). */
async function loadConversation(id: number): Promise<Conversation> {
  if (!Number.isInteger(id) || id <= 0) throw new ApiError(404, 'not_found', t('messages.notFound'));
  try {
    return await api.get<Conversation>(`/api/conversations/${id}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(404, 'not_found', t('messages.notFound'));
    throw e;
  }
}

function MessageEntry(props: { m: Message; mine: boolean }) {
  const { m } = props;
  return (
    <li class={props.mine ? 'message mine' : 'message'} id={`message-${m.id}`}>
      <p class="item-meta">
        <strong>{props.mine ? t('messages.you') : m.sender_name || t('messages.unknownPerson')}</strong> · <Time ms={m.created_at} />
      </p>
      {m.body.split(/\n{2,}/).map((para, i) => (
        <p key={i} class="message-text">
          {para}
        </p>
      ))}
    </li>
  );
}

export function ConversationPage(props: { id: string }) {
  const id = Number(props.id);
  const { user } = useStore();
  const conv = useLoad(() => loadConversation(id), [id]);
  const blocks = useLoad(async () => new Set(listOf<number>(await api.get('/api/blocks'), 'items')), []);
  const history = usePaged<Message>(
    async (before) =>
      !Number.isInteger(id) || id <= 0
        ? { items: [], next: null }
        : pageOf<Message>(await api.get(`/api/conversations/${id}/messages?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`), 'messages'),
    [id],
    { loadedMessage: (count) => tn('messages.loadedOlder', count) },
  );
  const [body, setBody] = useState('');
  const c = conv.data;
  const otherIds = c ? others(c) : [];
  const found = c ? namesOf(c) : {};
  const blocked = blocks.data ?? new Set<number>();
  const pair = otherIds.length === 1;
  const blockedPartner = pair && blocked.has(otherIds[0]);

  const markRead = useCallback(
    async (upTo?: number) => {
      try {
        await api.post(`/api/conversations/${id}/read`, upTo ? { up_to: upTo } : {});
        await refreshMessagesUnread();
      } catch {
        // Marking read is a convenience; the next visit tries again.
      }
    },
    [id],
  );

  // While this conversation is open, its new messages are read at once (no badge).
  useEffect(() => {
    setOpenConversation(id);
    return () => setOpenConversation(null);
  }, [id]);
  useEffect(() => {
    if (history.loaded && history.items.length) markRead(Math.max(...history.items.map((m) => m.id)));
  }, [history.loaded]);
  useEffect(
    () =>
      onLive((frame) => {
        if (frame.type !== 'message') return;
        const m = frame.data as Message | undefined;
        if (!m || m.conversation_id !== id) return;
        history.setItems((old) => (old.some((x) => x.id === m.id) ? old : [m, ...old]));
        announce(t('messages.newFrom', { name: m.sender_name || t('messages.unknownPerson') }));
        markRead(m.id);
      }),
    [id, markRead],
  );

  const send = useAction(async () => {
    if (!body.trim()) {
      send.setError(t('messages.empty'));
      return;
    }
    try {
      const m = await api.post<Message>(`/api/conversations/${id}/messages`, { body: body.trim() });
      history.setItems((old) => (old.some((x) => x.id === m.id) ? old : [m, ...old]));
      setBody('');
      announce(t('messages.sent'));
    } catch (e) {
      // Blocked either way: say what happened and that the message did not arrive.
      if (e instanceof ApiError && e.code === 'blocked') throw new ApiError(e.status, e.code, `${e.message} ${t('messages.blockedSend')}`);
      throw e;
    }
  });

  const title = c ? conversationName(c) : t('messages.conversation');
  // The API pages newest first; a conversation reads oldest first.
  const shown = [...history.items].reverse();
  return (
    <Page title={c ? t('messages.with', { name: title }) : title}>
      <p>
        <a href="/messages">{t('messages.back')}</a>
      </p>
      {conv.loading && <Loading />}
      <ErrorAlert error={conv.error} />
      {c && (
        <>
          {blockedPartner && (
            <Notice>
              <p>{t('messages.youBlocked', { name: found[otherIds[0]] ?? '' })}</p>
            </Notice>
          )}
          {!pair && otherIds.some((o) => blocked.has(o)) && (
            <Notice>
              <p>{t('messages.groupBlocked')}</p>
            </Notice>
          )}
          <section aria-labelledby="messages-heading" class="messages">
            <h2 id="messages-heading">{t('messages.history')}</h2>
            <LoadMore
              more={history.next !== null}
              loading={history.loading && history.loaded}
              onMore={history.more}
              label={t('messages.loadOlder')}
              buttonOnly
            />
            {!history.loaded && history.loading && <Loading />}
            <ErrorAlert error={history.error} />
            {history.loaded && shown.length === 0 && <p>{t('messages.noMessages')}</p>}
            <ol class="message-list" aria-busy={history.loading ? 'true' : 'false'}>
              {shown.map((m) => (
                <MessageEntry key={m.id} m={m} mine={m.sender_id === user?.id} />
              ))}
            </ol>
          </section>
          <section aria-labelledby="reply-heading">
            <h2 id="reply-heading">{t('messages.reply')}</h2>
            {blockedPartner ? (
              <p>{t('messages.cannotWriteBlocked')}</p>
            ) : (
              <form class="form message-form" onSubmit={onSubmit(send.run)} noValidate>
                <ErrorAlert error={send.error} />
                <TextArea label={t('messages.body')} value={body} onValue={setBody} rows={3} maxLength={10000} />
                <Submit busy={send.busy} busyText={t('messages.sending')}>
                  {t('messages.send')}
                </Submit>
              </form>
            )}
          </section>
          <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t('messages.members')}</h2>
            <p class="hint">{t('messages.blockHint')}</p>
            <ErrorAlert error={blocks.error} />
            <ul class="member-list">
              {otherIds.map((o) => (
                <BlockControl
                  key={o}
                  id={o}
                  name={found[o] ?? t('messages.unknownPerson')}
                  blocked={blocked.has(o)}
                  onChange={(now) => {
                    const next = new Set(blocked);
                    if (now) next.add(o);
                    else next.delete(o);
                    blocks.setData(next);
                    history.reload();
                  }}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
