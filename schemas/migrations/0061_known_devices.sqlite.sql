-- Devices a person has signed in from before (OWASP "device cookies"): the browser keeps a
-- 256-bit random token in a long-lived cookie, this table its SHA-256. Failed logins from a known
-- device count against that device only, so strangers who guess an account's password lock out
-- unknown devices but never the owner's own. An unlock link by mail makes a new device known.
CREATE TABLE known_devices (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,         -- hex SHA-256 of the cookie token
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,            -- last sign-in from it; the oldest go first
  user_agent TEXT NOT NULL DEFAULT ''      -- summary only, e.g. 'Firefox on Linux'
);
CREATE INDEX known_devices_user ON known_devices(user_id, last_seen_at);

-- The unlock link is a one-time token of its own purpose. SQLite cannot change a CHECK in place:
-- the table is rebuilt with its rows (nothing references it).
CREATE TABLE one_time_tokens_new (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm','reset','unlock')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
INSERT INTO one_time_tokens_new (id, user_id, purpose, token_hash, created_at, expires_at, used_at)
  SELECT id, user_id, purpose, token_hash, created_at, expires_at, used_at FROM one_time_tokens;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_new RENAME TO one_time_tokens;
CREATE INDEX one_time_tokens_user ON one_time_tokens(user_id, purpose);
