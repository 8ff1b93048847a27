// The unread count of direct messages for the navigation badge: read once when the session
// starts, counted up by live {"type":"message"} frames, set again by the messages pages when
// they mark a conversation read. Part of the first page (tiny); the pages themselves load lazily.

import { fetchConversations } from './api/conversations';
import { onLive } from './live';
import { getState, setState } from './store';

/** The conversation open on screen, whose new messages count as read at once. */
let openConversation: number | null = null;

export function setOpenConversation(id: number | null): void {
  openConversation = id;
}

export async function refreshMessagesUnread(): Promise<void> {
  if (!getState().user) return;
  try {
    const { unreadTotal } = await fetchConversations({ limit: 1 });
    if (typeof unreadTotal === 'number') setState({ messagesUnread: unreadTotal });
  } catch {
    // The badge is a convenience; the messages page shows errors in words.
  }
}

/** Counts live messages into the badge (the first count comes with refreshUnread()). */
export function watchMessages(): () => void {
  return onLive((message) => {
    if (message.type !== 'message') return;
    if (message.data.sender_id === getState().user?.id) return;
    if (message.data.conversation_id === openConversation) return;
    setState({ messagesUnread: getState().messagesUnread + 1 });
  });
}
