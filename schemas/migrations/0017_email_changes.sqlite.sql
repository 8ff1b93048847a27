-- A requested change of a person's e-mail address, waiting for the link sent to the new
-- address. Same token rules as one_time_tokens: stored hashed, single use, expiring.
CREATE TABLE email_changes (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  new_email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX email_changes_user ON email_changes(user_id);
