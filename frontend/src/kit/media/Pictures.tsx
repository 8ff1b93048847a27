// How pictures show: on a card a grid of thumbnails (one, two side by side, or four in a square;
// it fits a 360 px phone), on the item page the pictures at full width, each opening a viewer. Every
// <img> carries width and height (nothing jumps while it loads), loading="lazy" and a srcset, so a
// phone fetches the 320 or 640 px size and a wide screen the 1280 px one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { imageSrc, imageSrcSet, type ImageData } from '../../api/images';
import './media.css';

function Picture(props: { image: ImageData; sizes: string; alt?: string }) {
  const { image } = props;
  return (
    <img
      src={imageSrc(image.url, 640)}
      srcset={imageSrcSet(image)}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={props.alt ?? image.alt}
      loading="lazy"
      decoding="async"
    />
  );
}

/** The thumbnails on a card; each links to the item, where the pictures are shown large. */
export function PictureGrid(props: { images?: ImageData[] | null; href: string }) {
  const images = props.images ?? [];
  if (images.length === 0) return null;
  const n = Math.min(images.length, 4);
  return (
    <ul class={`picture-grid picture-grid-${n}`} aria-label={t('pictures.label', { count: images.length })}>
      {images.slice(0, 4).map((img, i) => (
        <li key={img.id}>
          <a href={props.href} aria-label={img.alt ? undefined : t('pictures.open', { n: i + 1 })}>
            <Picture image={img} sizes={n === 1 ? '(max-width: 52rem) 100vw, 50rem' : '(max-width: 52rem) 50vw, 25rem'} />
          </a>
        </li>
      ))}
    </ul>
  );
}

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
