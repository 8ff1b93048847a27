// A person's profile picture beside their name: the uploaded one, else their initial on a
// coloured disc. Decorative (alt=""): the name is always written next to it.
import './media.css';

export function Avatar(props: { name?: string | null; src?: string | null; size?: 'small' | 'large' }) {
  const large = props.size === 'large';
  const cls = `avatar ${large ? 'avatar-large' : 'avatar-small'}`;
  if (props.src) {
    const px = large ? 96 : 32;
    const sep = props.src.includes('?') ? '&' : '?';
    return (
      <img class={cls} src={`${props.src}${sep}size=${large ? 256 : 64}`} alt="" width={px} height={px} loading="lazy" decoding="async" />
    );
  }
  const initial = (props.name ?? '').trim().charAt(0).toUpperCase() || '?';
  return (
    <span class={`${cls} avatar-initial`} aria-hidden="true">
      {initial}
    </span>
  );
}
