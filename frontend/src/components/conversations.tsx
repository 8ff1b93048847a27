// Parts the message pages share: names of a conversation, its entry in the list, the section navigation.
import { t, tn } from '../i18n';
import { getState } from '../store';
import { Time } from './ui';
import type { ConversationData as Conversation } from '../api/conversations';

/** Names of a conversation's members, as the API sends them in `people`. */
export function namesOf(c: Conversation): Record<number, string> {
  return Object.fromEntries((c.people ?? []).map((p) => [p.id, p.display_name]));
}

export function others(c: Conversation): number[] {
  const me = getState().user?.id;
  return c.members.filter((m) => m !== me);
}

export function conversationName(c: Conversation): string {
  if (c.title) return c.title;
  const found = namesOf(c);
  const list = others(c).map((id) => found[id] ?? t('messages.unknownPerson'));
  return list.length ? list.join(', ') : t('messages.onlyYou');
}

export function MessagesNav() {
  return (
    <p class="actions">
      <a class="button button-primary" href="/messages/new">
        {t('messages.new')}
      </a>
    </p>
  );
}

export function ConversationEntry(props: { c: Conversation }) {
  const { c } = props;
  const unread = c.unread ?? 0;
  return (
    <li class={unread ? 'conversation unread' : 'conversation'}>
      <a href={`/messages/${c.id}`} class="conversation-link">
        {conversationName(c)}
      </a>
      {unread > 0 && (
        <span class="badge">
          <span aria-hidden="true">{unread}</span>
          <span class="visually-hidden">{tn('messages.unread', unread)}</span>
        </span>
      )}
      <span class="item-meta">
        {' · '}
        {others(c).length > 1 ? t('messages.groupOf', { count: c.members.length }) : t('messages.pair')}
        {c.updated_at ? ' · ' : ''}
        {c.updated_at ? <Time ms={c.updated_at} /> : null}
      </span>
    </li>
  );
}
