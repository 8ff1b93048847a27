// Writing a post: the text, optionally a title, and the audience. Without a container the post
// goes to the person's neighbourhood; a plugin's page passes its container (a group). Plugins
// add audience choices through the "composer.audience" slot.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { getState } from '../../store';
import { ErrorAlert, Field, Submit, fieldError, onSubmit, useAction } from '../../components/ui';
import { MentionTextArea } from '../people/MentionTextArea';
import { createPost } from '../../api/content';
import { Slot } from '../../plugins/slots';
import type { ContentItemData as ContentItem } from '../../api/content';
import { PicturePicker, chosenImages, focusAlt, missingAlt, type PickedPicture } from '../media/PicturePicker';
import { MAX_POST_PICTURES } from '../../api/images';

export interface ComposerProps {
  onPosted: (item: ContentItem) => void;
  /** The container to post in (a group's); absent = the person's neighbourhood. */
  containerId?: number;
  /** Ask for a title too. */
  withTitle?: boolean;
  /** Words for a plugin's context; the core's otherwise. */
  heading?: string;
  label?: string;
  hint?: string;
  submitLabel?: string;
}

export function Composer(props: ComposerProps) {
  const [body, setBody] = useState('');
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<number | undefined>(undefined);
  const [pictures, setPictures] = useState<PickedPicture[]>([]);
  const pickerId = `composer-${props.containerId ?? 'home'}`;
  const { busy, error, setError, run } = useAction(async () => {
    if (!body.trim() && pictures.length === 0) {
      setError(t('composer.empty'));
      return;
    }
    const missing = missingAlt(pictures);
    if (missing >= 0) {
      setError(t('pictures.altMissing'));
      focusAlt(pickerId, missing);
      return;
    }
    const item = await createPost({
      body: body.trim(),
      title: props.withTitle && title.trim() ? title.trim() : undefined,
      container_id: props.containerId || audience || undefined,
      images: pictures.length ? chosenImages(pictures) : undefined,
    });
    setBody('');
    setTitle('');
    setPictures([]);
    announce(t('composer.posted'));
    props.onPosted(item);
  });
  const noHome = !props.containerId && !audience && !getState().user?.neighbourhood_id;
  const headingId = props.containerId ? `composer-heading-${props.containerId}` : 'composer-heading';
  return (
    <section class="composer" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading ?? t('composer.heading')}</h2>
      {noHome && (
        <p class="hint">
          {t('composer.noNeighbourhood')} <a href="/settings#profile">{t('composer.chooseNeighbourhood')}</a>
        </p>
      )}
      <form onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={fieldError(error, 'body') || fieldError(error, 'title') ? null : error} />
        {props.withTitle && <Field label={t('composer.title')} value={title} onValue={setTitle} maxLength={300} error={fieldError(error, 'title')} />}
        <MentionTextArea
          label={props.label ?? t('composer.label')}
          hint={props.hint ?? (props.containerId ? undefined : t('composer.hint'))}
          value={body}
          onValue={setBody}
          rows={3}
          maxLength={20000}
          error={fieldError(error, 'body')}
        />
        <PicturePicker pictures={pictures} onPictures={setPictures} max={MAX_POST_PICTURES} idPrefix={pickerId} />
        {!props.containerId && <Slot name="composer.audience" context={{ value: audience, choose: setAudience }} />}
        <Submit busy={busy} busyText={t('composer.posting')}>
          {props.submitLabel ?? t('composer.submit')}
        </Submit>
      </form>
    </section>
  );
}
