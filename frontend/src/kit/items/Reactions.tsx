// The five reactions of an item as toggle buttons with their counts. One per person and item;
// the answer goes into the item cache, so every card of the item shows the new counts.
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, useAction } from '../../components/ui';
import { REACTIONS, react, type Reaction } from '../../api/content';
import type { ContentItemData as ContentItem } from '../../api/content';

// Words, not emoji: they read the same with every font and every screen reader.
export function Reactions(props: { item: ContentItem; onChange?: (item: ContentItem) => void }) {
  const { item } = props;
  const counts = item.reactions ?? {};
  const { busy, error, run } = useAction(async (key: Reaction) => {
    const removing = item.my_reaction === key;
    // The server answers with the new counts; the cached item (every card of it) takes them too.
    const state = await react(item.id, removing ? null : key);
    props.onChange?.({
      ...item,
      reactions: state.reactions ?? counts,
      reaction_count: state.reaction_count ?? item.reaction_count,
      my_reaction: state.my_reaction ?? null,
    });
    announce(removing ? t('reaction.removed') : t('reaction.added'));
  });
  return (
    <div class="reactions">
      <ErrorAlert error={error} />
      <ul class="reaction-list" aria-label={t('reaction.group')}>
        {REACTIONS.map((key) => (
          <li key={key}>
            <button
              type="button"
              class="button button-secondary reaction-button"
              aria-pressed={item.my_reaction === key ? 'true' : 'false'}
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => run(key)}
            >
              {t(`reaction.${key}`)}
              {counts[key] ? <span> ({counts[key]})</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
