// One item with its comments, the person's reaction and a way to report it.
import { useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t } from '../i18n';
import { announce } from '../announce';
import { AuthorName, ItemBody } from '../components/Item';
import { ErrorAlert, Loading, Page, Select, Submit, TextArea, Time, onSubmit, useAction, useLoad, Notice } from '../components/ui';
import type { Comment, ContentItem } from '../types';

interface Loaded {
  item: ContentItem;
  comments: Comment[];
}

async function loadItem(id: string): Promise<Loaded> {
  const data = (await api.get(`/api/content/${encodeURIComponent(id)}`)) as Record<string, unknown>;
  const item = (data.item ?? data.content ?? data) as ContentItem;
  let comments = listOf<Comment>(data.comments ?? (item as { comments?: unknown }).comments ?? null, 'comments');
  if (!Array.isArray(data.comments) && !Array.isArray((item as { comments?: unknown }).comments)) {
    try {
      comments = listOf<Comment>(await api.get(`/api/content/${encodeURIComponent(id)}/comments`), 'comments');
    } catch {
      comments = [];
    }
  }
  return { item, comments };
}

// The server's fixed set of reactions; one per person and item.
const REACTIONS: { key: string; symbol: string }[] = [
  { key: 'like', symbol: '👍' },
  { key: 'heart', symbol: '❤' },
  { key: 'thanks', symbol: '🙏' },
  { key: 'laugh', symbol: '😄' },
  { key: 'sad', symbol: '😢' },
];

function Reactions(props: { item: ContentItem; onChange: (item: ContentItem) => void }) {
  const { item } = props;
  const counts = item.reactions ?? {};
  const { busy, error, run } = useAction(async (key: string) => {
    const path = `/api/content/${item.id}/reaction`;
    const removing = item.my_reaction === key;
    // The server answers with the new state: {reactions, reaction_count, my_reaction}.
    const state = (removing ? await api.del(path) : await api.put(path, { reaction: key })) as
      | { reactions?: Record<string, number>; reaction_count?: number; my_reaction?: string | null }
      | undefined;
    props.onChange({
      ...item,
      reactions: state?.reactions ?? counts,
      reaction_count: state?.reaction_count ?? item.reaction_count,
      my_reaction: state && 'my_reaction' in state ? state.my_reaction : removing ? null : key,
    });
    announce(removing ? t('reaction.removed') : t('reaction.added'));
  });
  return (
    <div class="reactions">
      <ErrorAlert error={error} />
      <ul class="reaction-list" aria-label={t('reaction.group')}>
        {REACTIONS.map((r) => (
          <li key={r.key}>
            <button
              type="button"
              class="button button-secondary reaction-button"
              aria-pressed={item.my_reaction === r.key ? 'true' : 'false'}
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => run(r.key)}
            >
              <span aria-hidden="true">{r.symbol} </span>
              {t(`reaction.${r.key}`)}
              {counts[r.key] ? <span> ({counts[r.key]})</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReportForm(props: { id: number }) {
  const [reason, setReason] = useState('spam');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await api.post(`/api/content/${props.id}/report`, { reason, details: details.trim() });
    setDone(true);
    announce(t('report.done'));
  });
  if (done) return <Notice kind="success"><p>{t('report.done')}</p></Notice>;
  return (
    <details class="report">
      <summary>{t('report.open')}</summary>
      <form onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <Select
          label={t('report.reason')}
          value={reason}
          onValue={setReason}
          options={['spam', 'abuse', 'hate', 'misinformation', 'illegal', 'privacy', 'other'].map((r) => ({ value: r, label: t(`report.reason.${r}`) }))}
        />
        <TextArea label={t('report.details')} value={details} onValue={setDetails} rows={3} maxLength={2000} />
        <Submit busy={busy}>{t('report.submit')}</Submit>
      </form>
    </details>
  );
}

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

export function ItemPage(props: { id: string }) {
  const loaded = useLoad(() => loadItem(props.id), [props.id]);
  const data = loaded.data;
  const title = data
    ? data.item.title || (data.item.author ? t('item.postBy', { name: data.item.author.display_name }) : t('item.post'))
    : t('item.loadingTitle');
  return (
    <Page title={title}>
      {loaded.loading && <Loading />}
      <ErrorAlert error={loaded.error} />
      {data && (
        <>
          <article class="item-full">
            <p class="item-meta">
              <AuthorName author={data.item.author} /> · <Time ms={data.item.created_at} />
              {data.item.container?.name ? ` · ${data.item.container.name}` : ''}
            </p>
            {data.item.hidden && <Notice><p>{t('item.hidden')}</p></Notice>}
            <ItemBody item={data.item} full />
            <Reactions item={data.item} onChange={(item) => loaded.setData({ ...data, item })} />
          </article>
          <section id="comments" aria-labelledby="comments-heading" class="comments">
            <h2 id="comments-heading">{t('item.comments', { count: data.comments.length })}</h2>
            {data.comments.length === 0 && <p>{t('comment.none')}</p>}
            <ol class="comment-list">
              {data.comments.map((c) => (
                <li key={c.id} class="comment">
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
                </li>
              ))}
            </ol>
            <h3>{t('comment.heading')}</h3>
            <CommentForm id={data.item.id} onAdded={(c) => loaded.setData({ ...data, comments: [...data.comments, c] })} />
          </section>
          <section aria-labelledby="report-heading" class="report-section">
            <h2 id="report-heading">{t('report.heading')}</h2>
            <ReportForm id={data.item.id} />
          </section>
        </>
      )}
    </Page>
  );
}
