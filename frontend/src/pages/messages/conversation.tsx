// Messages: one conversation, live (/messages/:id).
import { fetchConversation, fetchMessages, markConversationRead, sendMessage } from '../../api/conversations';
import { namesOf, others, conversationName } from '../../components/conversations';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { fetchBlocked } from '../../api/people';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { onLive } from '../../live';
import { useStore } from '../../store';
import { refreshMessagesUnread, setOpenConversation } from '../../messagesBadge';
import { ErrorAlert, Loading, Notice, Page, Submit, TextArea, Time, onSubmit, useAction, useLoad } from '../../components/ui';
import { BlockControl } from '../../components/BlockControl';
import { LoadMore, usePaged } from '../../components/LoadMore';
import type { ConversationData as Conversation, MessageData as Message } from '../../api/conversations';
import { Avatar } from '../../kit/media/Avatar';

/** Profile picture addresses of a conversation's people (the API sends them in `people`). */
function avatarsOf(c: Conversation | null | undefined): Record<number, string | null | undefined> {
  return Object.fromEntries((c?.people ?? []).map((p) => [p.id, p.avatar]));
}

/** The conversation with its members' names (404 for anyone not in it). */
async function loadConversation(id: number): Promise<Conversation> {
  if (!Number.isInteger(id) || id <= 0) throw new ApiError(404, 'not_found', t('messages.notFound'));
  try {
    return await fetchConversation(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(404, 'not_found', t('messages.notFound'));
    throw e;
  }
}

function MessageEntry(props: { m: Message; mine: boolean; avatar?: string | null }) {
  const { m } = props;
  return (
    <li class={props.mine ? 'message mine' : 'message'} id={`message-${m.id}`}>
      <p class="item-meta">
        <Avatar name={m.sender_name} src={props.avatar} />
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
  const blocks = useLoad(async (signal) => new Set(await fetchBlocked(signal)), []);
  const history = usePaged<Message>(
    async (before) =>
      !Number.isInteger(id) || id <= 0
        ? { items: [], next: null }
        : fetchMessages(id, before, 50),
    [id],
    { loadedMessage: (count) => tn('messages.loadedOlder', count) },
  );
  const [body, setBody] = useState('');
  const c = conv.data;
  const otherIds = c ? others(c) : [];
  const found = c ? namesOf(c) : {};
  const avatars = avatarsOf(c);
  const blocked = blocks.data ?? new Set<number>();
  const pair = otherIds.length === 1;
  const blockedPartner = pair && blocked.has(otherIds[0]);

  const markRead = useCallback(
    async (upTo?: number) => {
      try {
        await markConversationRead(id, upTo);
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
  const { loaded, setItems } = history;
  const newestId = history.items.length ? Math.max(...history.items.map((m) => m.id)) : 0;
  // Once the history is there, everything in it counts as read (later messages come live).
  const readOnce = useRef(false);
  useEffect(() => {
    if (!loaded || !newestId || readOnce.current) return;
    readOnce.current = true;
    markRead(newestId);
  }, [loaded, newestId, markRead]);
  useEffect(
    () =>
      onLive((frame) => {
        if (frame.type !== 'message') return;
        const m = frame.data;
        if (m.conversation_id !== id) return;
        setItems((old) => (old.some((x) => x.id === m.id) ? old : [m, ...old]));
        announce(t('messages.newFrom', { name: m.sender_name || t('messages.unknownPerson') }));
        markRead(m.id);
      }),
    [id, markRead, setItems],
  );

  const send = useAction(async () => {
    if (!body.trim()) {
      send.setError(t('messages.empty'));
      return;
    }
    try {
      const m = await sendMessage(id, body.trim());
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
                <MessageEntry key={m.id} m={m} mine={m.sender_id === user?.id} avatar={avatars[m.sender_id]} />
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
