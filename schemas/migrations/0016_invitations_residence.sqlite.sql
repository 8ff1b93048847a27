-- Invitations (staff, moderators, or anyone in invite-only mode) and printed residence codes.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('resident','staff','moderator','admin')),
  department TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  accepted_at BIGINT,
  accepted_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX invitations_email ON invitations(email);
CREATE TABLE residence_codes (
  id INTEGER PRIMARY KEY,
  neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  batch TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  redeemed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
  redeemed_at BIGINT
);
CREATE INDEX residence_codes_batch ON residence_codes(batch);
