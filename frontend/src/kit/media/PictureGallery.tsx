// The pictures on the item page (and under a comment) at full width, each a button that opens a
// modal viewer: arrow keys or buttons for the others, Escape closes, the focus returns to the
// picture that opened it. Not on the first page: the item page and the comments load it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { imageSrc, type ImageData } from '../../api/images';
import { Picture } from './Pictures';

/** A modal viewer of one picture at a time: arrow keys or buttons for the others, Escape closes. */
function PictureViewer(props: { images: ImageData[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { images, index } = props;
  const image = images[index];
  const many = images.length > 1;
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const step = (by: number) => props.onIndex((index + by + images.length) % images.length);
  const onKey = (e: KeyboardEvent) => {
    if (!many) return;
    if (e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowLeft') step(-1);
    else return;
    e.preventDefault();
  };
  return (
    <dialog ref={dialog} class="picture-viewer" aria-label={t('pictures.viewer')} onClose={props.onClose} onKeyDown={onKey}>
      <figure>
        <img src={imageSrc(image.url, 1280)} width={image.width} height={image.height} alt={image.alt} />
        <figcaption>
          {many && <span>{t('pictures.position', { n: index + 1, count: images.length })} </span>}
          {image.alt}
        </figcaption>
      </figure>
      <p class="actions">
        {many && (
          <>
            <button type="button" class="button button-secondary" onClick={() => step(-1)}>
              {t('pictures.previous')}
            </button>{' '}
            <button type="button" class="button button-secondary" onClick={() => step(1)}>
              {t('pictures.next')}
            </button>{' '}
          </>
        )}
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          {t('pictures.close')}
        </button>
      </p>
    </dialog>
  );
}

/** The pictures on the item page (or under a comment), each a button that opens the viewer. */
export function PictureGallery(props: { images?: ImageData[] | null }) {
  const images = props.images ?? [];
  const [open, setOpen] = useState<number | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  if (images.length === 0) return null;
  return (
    <>
      <ul class={`picture-gallery${images.length === 1 ? ' picture-gallery-1' : ''}`} aria-label={t('pictures.label', { count: images.length })}>
        {images.map((img, i) => (
          <li key={img.id}>
            <button
              type="button"
              class="picture-open"
              onClick={(e) => {
                opener.current = e.currentTarget as HTMLButtonElement;
                setOpen(i);
              }}
            >
              <Picture image={img} sizes="(max-width: 52rem) 100vw, 50rem" />
              <span class="visually-hidden">{t('pictures.enlarge', { n: i + 1 })}</span>
            </button>
          </li>
        ))}
      </ul>
      {open !== null && (
        <PictureViewer
          images={images}
          index={open}
          onIndex={setOpen}
          onClose={() => {
            setOpen(null);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}
