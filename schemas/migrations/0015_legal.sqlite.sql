-- Imprint, privacy statement, terms and accessibility statement, versioned; consent records
-- name the version a person agreed to, so a changed text can be asked for again.
-- Run-time settings (registration mode) live in instance_settings (0001).
CREATE TABLE legal_texts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('imprint','privacy','terms','accessibility')),
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  UNIQUE (kind, version)
);
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  document TEXT NOT NULL CHECK (document IN ('privacy','terms')),
  version BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX consents_user ON consents(user_id, document);
