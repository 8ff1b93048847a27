// One item with its comments, the person's reaction and a way to report it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t, tn } from '../i18n';
import { announce } from '../announce';
import { navigate } from '../router';
import { useStore } from '../store';
import { AuthorName, ItemBody, itemTitle } from '../components/Item';
import { ErrorAlert, Loading, Page, Submit, TextArea, Time, onSubmit, useAction, useLoad, Notice } from '../components/ui';
import type { Comment, ContentItem } from '../types';
import { PagedFooter, pageOf, usePaged } from '../components/LoadMore';
import { current, remember } from '../data/items';
import { fetchItem } from '../api/content';
import { Reactions } from '../kit/items/Reactions';
import { ReportForm } from '../kit/items/ReportForm';
import { Slot } from '../plugins/slots';


const COMMENTS_PAGE = 50;

function CommentForm(props: { id: number; onAdded: (c: Comment) => void }) {
  const [body, setBody] = useState('');
  const { busy, error, setError, run } = useAction(async () => {
    if (!body.trim()) {
      setError(t('comment.empty'));
      return;
    }
    const data = (await api.post(`/api/content/${props.id}/comments`, { body: body.trim() })) as Record<string, unknown>;
    const comment = (data?.comment ?? data) as Comment;
    setBody('');
    announce(t('comment.added'));
    if (comment && comment.id !== undefined) props.onAdded(comment);
  });
  return (
    <form class="comment-form" onSubmit={onSubmit(run)} noValidate>
      <ErrorAlert error={error} />
      <TextArea label={t('comment.label')} value={body} onValue={setBody} rows={3} maxLength={5000} />
      <Submit busy={busy}>{t('comment.submit')}</Submit>
    </form>
  );
}

/** Edit (author) and delete (author, container manager, moderator) an item. */
function OwnerActions(props: { item: ContentItem; onEdited: (item: ContentItem) => void }) {
  const { item } = props;
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(item.body ?? '');
  const [confirming, setConfirming] = useState(false);
  const save = useAction(async () => {
    const updated = await api.patch<ContentItem>(`/api/content/${item.id}`, { body });
    props.onEdited({ ...item, ...updated });
    setEditing(false);
    announce(t('item.saved'));
  });
  const remove = useAction(async () => {
    await api.del(`/api/content/${item.id}`);
    announce(t('item.deleted'));
    navigate('/');
  });
  const { user } = useStore();
  const pin = useAction(async () => {
    await api.put(`/api/content/${item.id}/pin`, { pinned: !item.pinned });
    props.onEdited({ ...item, pinned: !item.pinned });
    announce(item.pinned ? t('item.unpinned') : t('item.pinnedDone'));
  });
  const staff = !!user && ['staff', 'moderator', 'admin'].includes(user.role);
  const canPin = staff && item.kind === 'announcement';
  const perms = item as ContentItem & { can_edit?: boolean; can_delete?: boolean };
  if (!perms.can_edit && !perms.can_delete && !canPin) return null;
  return (
    <div class="owner-actions">
      {editing ? (
        <form onSubmit={onSubmit(save.run)} noValidate>
          <ErrorAlert error={save.error} />
          <TextArea label={t('item.editLabel')} value={body} onValue={setBody} rows={5} maxLength={20000} />
          <p class="actions">
            <Submit busy={save.busy}>{t('settings.save')}</Submit>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p class="actions">
          {perms.can_edit && (
            <button type="button" class="button button-secondary" onClick={() => setEditing(true)}>
              {t('item.edit')}
            </button>
          )}
          {canPin && (
            <button type="button" class="button button-secondary" aria-disabled={pin.busy ? 'true' : undefined} onClick={() => pin.run()}>
              {item.pinned ? t('item.unpin') : t('item.pin')}
            </button>
          )}
          {perms.can_delete && !confirming && (
            <button type="button" class="button button-secondary" onClick={() => setConfirming(true)}>
              {t('item.delete')}
            </button>
          )}
        </p>
      )}
      <ErrorAlert error={pin.error} />
      {confirming && (
        <div class="alert" role="group" aria-labelledby="delete-question">
          <p id="delete-question">{t('item.deleteQuestion')}</p>
          <ErrorAlert error={remove.error} />
          <p class="actions">
            <button type="button" class="button button-danger" aria-disabled={remove.busy ? 'true' : undefined} onClick={() => remove.run()}>
              {remove.busy ? t('form.working') : t('item.deleteConfirm')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}

/** A comment: its text, and delete (own or as moderator) or report (others'). */
function CommentEntry(props: { comment: Comment; onDeleted: () => void }) {
  const c = props.comment;
  const { user } = useStore();
  const mine = !!user && c.author?.id === user.id;
  const moderator = user?.role === 'moderator' || user?.role === 'admin';
  const remove = useAction(async () => {
    await api.del(`/api/comments/${c.id}`);
    announce(t('comment.removed'));
    props.onDeleted();
  });
  return (
    <li class="comment" id={`comment-${c.id}`}>
      <p class="item-meta">
        <AuthorName author={c.author} /> · <Time ms={c.created_at} />
      </p>
      {c.deleted ? (
        <p class="hint">{t('comment.deleted')}</p>
      ) : c.hidden ? (
        <p class="hint">{t('comment.hidden')}</p>
      ) : c.body_html ? (
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: c.body_html }} />
      ) : (
        (c.body ?? '').split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)
      )}
      {!c.deleted && (
        <>
          <ErrorAlert error={remove.error} />
          {(mine || moderator) && (
            <button type="button" class="link-button" aria-disabled={remove.busy ? 'true' : undefined} onClick={() => remove.run()}>
              {t('comment.delete')}
              <span class="visually-hidden"> {t('comment.of', { name: c.author?.display_name ?? '' })}</span>
            </button>
          )}
          {!mine && user && <ReportForm path={`/api/comments/${c.id}/report`} label={t('report.comment')} />}
        </>
      )}
    </li>
  );
}

export function ItemPage(props: { id: string }) {
  const loaded = useLoad(async () => {
    return fetchItem(props.id);
  }, [props.id]);
  // The cached item: a reaction or an edit here shows on every card of it too.
  const item = loaded.data ? current(loaded.data) : null;
  const change = (next: ContentItem) => {
    remember(next);
    loaded.setData(next);
  };
  // Comments oldest first, 50 at a time (cursor next_after), more as you scroll.
  const comments = usePaged<Comment>(
    async (after) =>
      pageOf<Comment>(
        await api.get(`/api/content/${encodeURIComponent(props.id)}/comments?limit=${COMMENTS_PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`),
        'comments',
      ),
    [props.id],
    { loadedMessage: (count) => tn('comment.loadedMore', count) },
  );
  // A link to a comment (#comment-12, from a notification) scrolls there once it is loaded.
  const shown = !!item;
  useEffect(() => {
    if (shown && comments.loaded && window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [shown, comments.loaded]);
  const title = item ? itemTitle(item) : t('item.loadingTitle');
  const count = Math.max(item?.comment_count ?? 0, comments.items.length);
  return (
    <Page title={title}>
      {loaded.loading && <Loading />}
      <ErrorAlert error={loaded.error} />
      {item && (
        <>
          <article class="item-full">
            <p class="item-meta">
              <AuthorName author={item.author} /> · <Time ms={item.created_at} />
              {item.container?.name ? ` · ${item.container.name}` : ''}
              {item.edited && (
                <>
                  {' · '}
                  <a href={`/content/${item.id}/history`}>{t('history.edited')}</a>
                </>
              )}
            </p>
            {item.hidden && <Notice><p>{t('item.hidden')}</p></Notice>}
            <ItemBody item={item} full />
            <Reactions item={item} onChange={change} />
            <OwnerActions item={item} onEdited={change} />
            <Slot name="item.actions" context={{ item }} />
          </article>
          <section id="comments" aria-labelledby="comments-heading" class="comments">
            <h2 id="comments-heading">{t('item.comments', { count })}</h2>
            {comments.loaded && comments.items.length === 0 && !comments.error && <p>{t('comment.none')}</p>}
            <ol class="comment-list" aria-busy={comments.loading ? 'true' : 'false'}>
              {comments.items.map((c) => (
                <CommentEntry
                  key={c.id}
                  comment={c}
                  onDeleted={() => comments.setItems((old) => old.map((x) => (x.id === c.id ? { ...x, deleted: true } : x)))}
                />
              ))}
            </ol>
            <PagedFooter paged={comments} label={t('comment.loadMore')} />
            <h3>{t('comment.heading')}</h3>
            <CommentForm
              id={item.id}
              onAdded={(c) => {
                comments.setItems((old) => (old.some((x) => x.id === c.id) ? old : [...old, c]));
                change({ ...item, comment_count: (item.comment_count ?? 0) + 1 });
              }}
            />
          </section>
          <section aria-labelledby="report-heading" class="report-section">
            <h2 id="report-heading">{t('report.heading')}</h2>
            <ReportForm path={`/api/content/${item.id}/report`} />
          </section>
        </>
      )}
    </Page>
  );
}
