// How one piece of content shows in a stream or on its own page. Plugins may take over
// the body of their kinds with shell.addItemRenderer(kind, renderer).
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { registry, makeShell } from '../plugins';
import { LiveScope } from '../plugins/liveEvents';
import { Time } from './ui';
import { current } from '../data/items';
import type { CommentPreview, ContentItemData as ContentItem, ItemAuthor } from '../api/content';
import { Avatar } from '../kit/media/Avatar';
import { PictureGrid } from '../kit/media/Pictures';

/** An item's heading: its title, or "Beitrag von <name>". */
export function itemTitle(item: Pick<ContentItem, 'title' | 'author'>): string {
  return item.title || (item.author?.display_name ? t('item.postBy', { name: item.author.display_name }) : t('item.post'));
}

export function AuthorName(props: { author?: ItemAuthor | null }) {
  const a = props.author;
  if (!a || !a.display_name) return <span class="author">{t('item.deletedAuthor')}</span>;
  const verified = a.verified ?? (a.role === 'staff' || a.role === 'admin');
  return (
    <span class="author">
      {a.id ? <a href={`/people/${a.id}`}>{a.display_name}</a> : a.display_name}
      {verified && (
        <span class="verified">
          {' '}
          ({t('item.verifiedStaff')}
          {a.department ? `, ${a.department}` : ''})
        </span>
      )}
    </span>
  );
}

function PluginBody(props: { item: ContentItem; full: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const renderer = registry.itemRenderers.get(props.item.kind);
  useEffect(() => {
    const target = el.current;
    if (!renderer || !target) return;
    // Live subscriptions through this shell end with the rendered item.
    const scope = new LiveScope();
    const cleanup = renderer(target, props.item, { shell: makeShell(null, scope), full: props.full });
    return () => {
      scope.close();
      if (typeof cleanup === 'function') cleanup();
      target.textContent = '';
    };
  }, [renderer, props.item, props.full]);
  return <div class="item-body plugin-body" ref={el} />;
}

export function ItemBody(props: { item: ContentItem; full: boolean }) {
  const { item } = props;
  if (registry.itemRenderers.has(item.kind)) return <PluginBody item={item} full={props.full} />;
  // On the item's own page the server's sanitised HTML (Markdown rendered by cmark-gfm with
  // raw HTML removed) is shown; the CSP forbids inline script in any case. Cards show the
  // plain-text summary.
  if (props.full && item.body_html) {
    return <div class="item-body rich-text" dangerouslySetInnerHTML={{ __html: item.body_html }} />;
  }
  const text = props.full ? (item.body ?? item.summary ?? '') : (item.summary || item.body || '');
  return (
    <div class="item-body">
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i} class="plain-lines">
          {para}
        </p>
      ))}
    </div>
  );
}

/** One line of a comment under a card: the first 140 characters, Markdown marks kept as typed. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/** A comment preview's plain text (the stream sends sanitised HTML). */
function commentText(c: CommentPreview): string {
  if (c.body_html && typeof DOMParser !== 'undefined') return new DOMParser().parseFromString(c.body_html, 'text/html').body.textContent ?? '';
  return '';
}

/** A card in a stream: heading level 2, links to the item page. */
export function ItemCard(props: { item: ContentItem; headingLevel?: 2 | 3 | 4 }) {
  const item = current(props.item);
  const Heading = props.headingLevel === 4 ? 'h4' : props.headingLevel === 3 ? 'h3' : 'h2';
  const title = itemTitle(item);
  const comments = item.comment_count ?? 0;
  const reactions = item.reaction_count ?? 0;
  return (
    <article class="item-card" aria-labelledby={`item-${item.id}-title`}>
      <Heading id={`item-${item.id}-title`} class="item-title">
        <a href={`/content/${item.id}`}>{title}</a>
      </Heading>
      <p class="item-meta">
        <Avatar name={item.author?.display_name} src={item.author?.avatar} />
        <AuthorName author={item.author} /> · <Time ms={item.created_at} />
        {item.container?.name ? ` · ${item.container.name}` : ''}
        {item.kind && item.kind !== 'post' ? ` · ${t(`kind.${item.kind}`)}` : ''}
      </p>
      {(item.urgent || item.official || item.pinned) && (
        <p class="item-flags">
          {item.urgent && <span class="tag tag-urgent">{t('item.urgent')}</span>}{' '}
          {item.official && <span class="tag">{t('item.official')}</span>}{' '}
          {item.pinned && <span class="tag">{t('item.pinned')}</span>}
        </p>
      )}
      <ItemBody item={item} full={false} />
      <PictureGrid images={item.images} href={`/content/${item.id}`} />
      {item.latest_comments && item.latest_comments.length > 0 && (
        <ul class="latest-comments" aria-label={t('item.latestComments')}>
          {item.latest_comments.map((c) => (
            <li key={c.id}>
              <Avatar name={c.author?.display_name} src={c.author?.avatar} />
              <span class="author">{c.author?.display_name ?? t('item.deletedAuthor')}</span>
              {': '}
              {c.hidden ? <span class="hint">{t('comment.hidden')}</span> : excerpt(commentText(c))}
            </li>
          ))}
        </ul>
      )}
      <p class="item-stats">
        <a href={`/content/${item.id}#comments`}>{t('item.comments', { count: comments })}</a>
        {' · '}
        <span>{t('item.reactions', { count: reactions })}</span>
      </p>
    </article>
  );
}
