// How pictures show: on a card a grid of thumbnails (one, two side by side, or four in a square;
// it fits a 360 px phone); on the item page (PictureGallery.tsx) at full width with a viewer. Every
// <img> carries width and height (nothing jumps while it loads), loading="lazy" and a srcset, so a
// phone fetches the 320 or 640 px size and a wide screen the 1280 px one.
import { t } from '../../i18n';
import { imageSrc, imageSrcSet, type ImageData } from '../../api/images';
import './media.css';

export function Picture(props: { image: ImageData; sizes: string; alt?: string }) {
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
