// An item's comments (kit, shell API 3): oldest first, 50 at a time with more as you scroll,
// each with its author and time, delete (own, or as moderator) and report (others'), and a
// form to write one. Uses the core's comment API for items (/api/content/<id>/comments), so a
// plugin page shows the discussion of its item where its residents are.
import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { useStore } from '../../store';
import { AuthorName } from '../../components/Item';
import { ErrorAlert, Submit, Time, onSubmit, useAction } from '../../components/ui';
import { MentionTextArea } from '../people/MentionTextArea';
import { PagedFooter, usePaged } from '../../components/LoadMore';
import { addComment, deleteComment, fetchComments, type CommentData as Comment } from '../../api/comments';
import { ReportForm } from './ReportForm';
import { Avatar } from '../media/Avatar';
import { PictureGallery } from '../media/PictureGallery';
import { PicturePicker, chosenImages, focusAlt, missingAlt, type PickedPicture } from '../media/PicturePicker';
import { MAX_COMMENT_PICTURES } from '../../api/images';

const COMMENTS_PAGE = 50;

function CommentForm(props: { itemId: number; onAdded: (c: Comment) => void }) {
  const [body, setBody] = useState('');
  const [pictures, setPictures] = useState<PickedPicture[]>([]);
  const pickerId = `comment-${props.itemId}`;
  const { busy, error, setError, run } = useAction(async () => {
    if (!body.trim() && pictures.length === 0) {
      setError(t('comment.empty'));
      return;
    }
    const missing = missingAlt(pictures);
    if (missing >= 0) {
      setError(t('pictures.altMissing'));
      focusAlt(pickerId, missing);
      return;
    }
    const comment = await addComment(props.itemId, body.trim(), undefined, pictures.length ? chosenImages(pictures) : undefined);
    setBody('');
    setPictures([]);
    announce(t('comment.added'));
    props.onAdded(comment);
  });
  return (
    <form class="comment-form" onSubmit={onSubmit(run)} noValidate>
      <ErrorAlert error={error} />
      <MentionTextArea label={t('comment.label')} value={body} onValue={setBody} rows={3} maxLength={5000} />
      <PicturePicker pictures={pictures} onPictures={setPictures} max={MAX_COMMENT_PICTURES} idPrefix={pickerId} />
      <Submit busy={busy}>{t('comment.submit')}</Submit>
    </form>
  );
}

/** A comment: its text, and delete (own or as moderator) or report (others'). */
function CommentEntry(props: { comment: Comment; onDeleted: () => void }) {
  const c = props.comment;
  const { user } = useStore();
  const mine = !!user && c.author?.id === user.id;
  const moderator = user?.role === 'moderator' || user?.role === 'admin';
  const remove = useAction(async () => {
    await deleteComment(c.id);
    announce(t('comment.removed'));
    props.onDeleted();
  });
  return (
    <li class="comment" id={`comment-${c.id}`}>
      <p class="item-meta">
        <Avatar name={c.author?.display_name} src={c.author?.avatar} />
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
      {!c.deleted && !c.hidden && <PictureGallery images={c.images} />}
      {!c.deleted && (
        <>
          <ErrorAlert error={remove.error} />
          {(mine || moderator) && (
            <button type="button" class="link-button" aria-disabled={remove.busy ? 'true' : undefined} onClick={() => remove.run()}>
              {t('comment.delete')}
              <span class="visually-hidden"> {t('comment.of', { name: c.author?.display_name ?? '' })}</span>
            </button>
          )}
          {!mine && user && <ReportForm target={{ type: 'comment', id: c.id }} label={t('report.comment')} />}
        </>
      )}
    </li>
  );
}

export interface CommentsProps {
  /** The content item's id (a plugin's item: its content_id). */
  itemId: number;
  /** The item's comment_count, shown in the heading until the list is loaded. */
  count?: number;
  /** After the person wrote one (e.g. to raise the item's count elsewhere). */
  onAdded?: (comment: Comment) => void;
  /** The section's heading level (default 2; its form's heading is one below). */
  headingLevel?: 2 | 3;
}

export function Comments(props: CommentsProps) {
  const { user } = useStore();
  const [added, setAdded] = useState(0);
  const id = props.itemId;
  const comments = usePaged<Comment>(
    (after) => fetchComments(id, after, COMMENTS_PAGE),
    [id],
    { loadedMessage: (count) => tn('comment.loadedMore', count) },
  );
  // A link to a comment (#comment-12, from a notification) scrolls there once it is loaded.
  useEffect(() => {
    if (comments.loaded && window.location.hash.startsWith('#comment')) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [comments.loaded]);
  // The count the item had when shown, plus what was written here; a parent that raises its
  // own count for the same comment does not count it twice.
  const [start] = useState(props.count ?? 0);
  const count = Math.max(props.count ?? 0, start + added, comments.items.length);
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const Sub = props.headingLevel === 3 ? 'h4' : 'h3';
  const headingId = `comments-heading-${id}`;
  return (
    <section id="comments" aria-labelledby={headingId} class="comments">
      <H id={headingId}>{t('item.comments', { count })}</H>
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
      {user && (
        <>
          <Sub>{t('comment.heading')}</Sub>
          <CommentForm
            itemId={id}
            onAdded={(c) => {
              comments.setItems((old) => (old.some((x) => x.id === c.id) ? old : [...old, c]));
              setAdded((n) => n + 1);
              props.onAdded?.(c);
            }}
          />
        </>
      )}
    </section>
  );
}
