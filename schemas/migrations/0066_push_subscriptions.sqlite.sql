-- Web Push subscriptions: one row per browser a person switched push on in. endpoint is the push
-- service's URL for that browser (unique: a browser that another person signs in with moves to
-- them), p256dh and auth its keys for the message encryption (RFC 8291), base64url. want_* are
-- the notifications the person chose for it. Removed with the person, when they switch it off,
-- and when the push service answers 404 or 410 (the browser dropped it).
CREATE TABLE push_subscriptions (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint TEXT NOT NULL UNIQUE,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',          -- e.g. 'Firefox on Android', from the User-Agent
  want_mentions INTEGER NOT NULL DEFAULT 1,
  want_replies INTEGER NOT NULL DEFAULT 1,
  want_urgent INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  last_sent_at BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
