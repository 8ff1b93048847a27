// Live frames in the contract's shapes (components/schemas/LiveEvent), for tests that feed a
// FakeSocket: live.ts drops anything else, as it would from the server.
import type { LiveEvent } from '../liveFrames';

export const contentFrame = (id: number, kind = 'post', urgent = false): LiveEvent => ({
  type: 'content',
  data: { id, kind, container_id: 1, author_id: 2, urgent },
});

export const notificationFrame = (id: number, kind = 'comment', read = false): LiveEvent => ({
  type: 'notification',
  data: { id, kind, payload: {}, link: `/content/${id}`, urgent: false, created_at: 1_700_000_000_000, read },
});

export const messageFrame = (id: number, conversationId = 1, senderId = 2): LiveEvent => ({
  type: 'message',
  data: { id, conversation_id: conversationId, sender_id: senderId, sender_name: 'Ben', body: 'Hallo', created_at: 1_700_000_000_000 },
});

export const helloFrame = (userId = 1): LiveEvent => ({ type: 'hello', data: { user_id: userId } });

/** The page becomes visible again (a phone woke up): live.ts tells its listeners "resync". */
export const wakeUp = () => document.dispatchEvent(new Event('visibilitychange'));
