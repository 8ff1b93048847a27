-- Notifications per person: listed newest first, unread counted, mailed (urgent at once,
-- the rest in the digest).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',      -- JSON object
  link TEXT NOT NULL DEFAULT '',
  urgent BIGINT NOT NULL DEFAULT 0,
  actor_id BIGINT NOT NULL DEFAULT 0,
  content_id BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mailed_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(user_id, id) WHERE read_at IS NULL AND mailed_at IS NULL;
