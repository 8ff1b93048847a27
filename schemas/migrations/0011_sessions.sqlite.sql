-- Server-side sessions. The cookie carries a 256-bit random token; only its SHA-256 is stored,
-- so a copy of the database cannot be used to log in. Timestamps: UTC ms set by the application.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,         -- hex SHA-256 of the cookie token
  csrf_token TEXT NOT NULL,                -- sent back in X-CSRF-Token on state changes
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,            -- idle timeout counts from here
  expires_at BIGINT NOT NULL,              -- absolute timeout
  user_agent TEXT NOT NULL DEFAULT '',     -- summary only, e.g. 'Firefox on Linux'
  ip_hash TEXT NOT NULL DEFAULT ''         -- salted hash, never the address
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);
