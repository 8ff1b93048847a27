// Choosing pictures for a post or comment: each file is uploaded at once (the server strips its
// location data and makes the sizes), then shown small with a field for its description (alt
// text), which the form asks for before it sends, unless the author marks it as decorative.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, useId } from '../../components/ui';
import { Checkbox } from '../forms/Choice';
import { imageSrc, uploadImage, type ImageData } from '../../api/images';
import './media.css';

export interface PickedPicture {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  decorative: boolean;
}

export function pickedFrom(images?: ImageData[] | null): PickedPicture[] {
  return (images ?? []).map((i) => ({ id: i.id, url: i.url, width: i.width, height: i.height, alt: i.alt, decorative: i.decorative }));
}

/** The pictures as the API takes them. */
export function chosenImages(pictures: PickedPicture[]) {
  return pictures.map((p) => ({ id: p.id, alt: p.decorative ? '' : p.alt.trim(), decorative: p.decorative }));
}

/** The first picture without a description (nor marked decorative), or -1. */
export function missingAlt(pictures: PickedPicture[]): number {
  return pictures.findIndex((p) => !p.alt.trim() && !p.decorative);
}

/** Moves the focus to the description field of picture i of the picker with this prefix. */
export function focusAlt(idPrefix: string, i: number) {
  document.querySelector<HTMLInputElement>(`[data-picture-alt="${idPrefix}-${i}"]`)?.focus();
}

export function PicturePicker(props: { pictures: PickedPicture[]; onPictures: (p: PickedPicture[]) => void; max: number; idPrefix: string }) {
  const { pictures, max } = props;
  const inputId = useId('pics');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const room = max - pictures.length;
  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setError(null);
    const chosen = Array.from(files);
    if (chosen.length > room) setError(t('pictures.tooMany', { max }));
    let next = pictures;
    setBusy(true);
    try {
      for (const file of chosen.slice(0, Math.max(room, 0))) {
        announce(t('pictures.uploading'));
        const up = await uploadImage(file);
        next = [...next, { id: up.id, url: up.url, width: up.width, height: up.height, alt: '', decorative: false }];
        props.onPictures(next);
      }
      announce(t('pictures.uploaded'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const change = (i: number, patch: Partial<PickedPicture>) => props.onPictures(pictures.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div class="picture-picker">
      <ErrorAlert error={error} />
      {pictures.length > 0 && (
        <ul class="picked-pictures" aria-label={t('pictures.chosen')}>
          {pictures.map((p, i) => (
            <li key={p.id}>
              <img src={imageSrc(p.url, 320)} width={p.width} height={p.height} alt="" class="picked-thumb" />
              <div>
                <Field
                  data-picture-alt={`${props.idPrefix}-${i}`}
                  label={t('pictures.altLabel', { n: i + 1 })}
                  hint={t('pictures.altHint')}
                  value={p.alt}
                  onValue={(alt) => change(i, { alt })}
                  maxLength={500}
                  disabled={p.decorative}
                />
                <Checkbox label={t('pictures.decorative')} checked={p.decorative} onChecked={(decorative) => change(i, { decorative })} />
                <button type="button" class="link-button" onClick={() => props.onPictures(pictures.filter((_, j) => j !== i))}>
                  {t('pictures.remove', { n: i + 1 })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {room > 0 && (
        <p class="picture-add">
          <input
            id={inputId}
            type="file"
            class="file-input"
            accept="image/jpeg,image/png,image/webp,image/gif"
            multiple={room > 1}
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void add(input.files).then(() => (input.value = ''));
            }}
          />
          <label for={inputId} class="button button-secondary">
            {busy ? t('pictures.uploading') : t(max > 1 ? 'pictures.add' : 'pictures.addOne', { max })}
          </label>
        </p>
      )}
    </div>
  );
}
