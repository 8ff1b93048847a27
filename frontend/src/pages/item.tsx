// One item with its comments, the person's reaction and a way to report it.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { announce } from '../announce';
import { navigate } from '../router';
import { useStore } from '../store';
import { AuthorName, ItemBody, itemTitle } from '../components/Item';
import { ErrorAlert, Loading, Page, Submit, TextArea, Time, onSubmit, useAction, useLoad, Notice } from '../components/ui';
import type { ContentItemData as ContentItem } from '../api/content';
import { current, remember } from '../data/items';
import { deleteItem, editItem, fetchItem, setPinned } from '../api/content';
import { Reactions } from '../kit/items/Reactions';
import { ReportForm } from '../kit/items/ReportForm';
import { Slot } from '../plugins/slots';
import { Comments } from '../kit/items/Comments';
import { Avatar } from '../kit/media/Avatar';
import { PictureGallery } from '../kit/media/PictureGallery';
import { PicturePicker, chosenImages, focusAlt, missingAlt, pickedFrom } from '../kit/media/PicturePicker';
import { MAX_POST_PICTURES } from '../api/images';

/** Edit (author) and delete (author, container manager, moderator) an item. */
function OwnerActions(props: { item: ContentItem; onEdited: (item: ContentItem) => void }) {
  const { item } = props;
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(item.body ?? '');
  const [pictures, setPictures] = useState(() => pickedFrom(item.images));
  const [confirming, setConfirming] = useState(false);
  const pickerId = `edit-${item.id}`;
  const save = useAction(async () => {
    const missing = missingAlt(pictures);
    if (missing >= 0) {
      save.setError(t('pictures.altMissing'));
      focusAlt(pickerId, missing);
      return;
    }
    const updated = await editItem(item.id, { body, images: chosenImages(pictures) });
    // Without pictures the answer has no "images": the old ones must not stay.
    props.onEdited({ ...item, ...updated, images: updated.images });
    setEditing(false);
    announce(t('item.saved'));
  });
  const remove = useAction(async () => {
    await deleteItem(item.id);
    announce(t('item.deleted'));
    navigate('/');
  });
  const { user } = useStore();
  const pin = useAction(async () => {
    await setPinned(item.id, !item.pinned);
    props.onEdited({ ...item, pinned: !item.pinned });
    announce(item.pinned ? t('item.unpinned') : t('item.pinnedDone'));
  });
  const staff = !!user && ['staff', 'moderator', 'admin'].includes(user.role);
  const canPin = staff && item.kind === 'announcement';
  if (!item.can_edit && !item.can_delete && !canPin) return null;
  return (
    <div class="owner-actions">
      {editing ? (
        <form onSubmit={onSubmit(save.run)} noValidate>
          <ErrorAlert error={save.error} />
          <TextArea label={t('item.editLabel')} value={body} onValue={setBody} rows={5} maxLength={20000} />
          <PicturePicker pictures={pictures} onPictures={setPictures} max={MAX_POST_PICTURES} idPrefix={pickerId} />
          <p class="actions">
            <Submit busy={save.busy}>{t('settings.save')}</Submit>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p class="actions">
          {item.can_edit && (
            <button type="button" class="button button-secondary" onClick={() => setEditing(true)}>
              {t('item.edit')}
            </button>
          )}
          {canPin && (
            <button type="button" class="button button-secondary" aria-disabled={pin.busy ? 'true' : undefined} onClick={() => pin.run()}>
              {item.pinned ? t('item.unpin') : t('item.pin')}
            </button>
          )}
          {item.can_delete && !confirming && (
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
  const title = item ? itemTitle(item) : t('item.loadingTitle');
  return (
    <Page title={title}>
      {loaded.loading && <Loading />}
      <ErrorAlert error={loaded.error} />
      {item && (
        <>
          <article class="item-full">
            <p class="item-meta">
              <Avatar name={item.author?.display_name} src={item.author?.avatar} />
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
            <PictureGallery images={item.images} />
            <Reactions item={item} onChange={change} />
            <OwnerActions item={item} onEdited={change} />
            <Slot name="item.actions" context={{ item }} />
          </article>
          <Comments itemId={item.id} count={item.comment_count ?? 0} onAdded={() => change({ ...item, comment_count: (item.comment_count ?? 0) + 1 })} />
          <section aria-labelledby="report-heading" class="report-section">
            <h2 id="report-heading">{t('report.heading')}</h2>
            <ReportForm target={{ type: 'content', id: item.id }} />
          </section>
        </>
      )}
    </Page>
  );
}
