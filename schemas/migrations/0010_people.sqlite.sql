-- People and neighbourhoods: the base every module builds on (accounts fills in the rest).
-- Timestamps are UTC milliseconds since the epoch, set by the application.
CREATE TABLE neighbourhoods (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  postcodes TEXT NOT NULL DEFAULT '',      -- comma-separated
  polygon TEXT,                            -- GeoJSON polygon, optional
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,              -- stored lower-case
  display_name TEXT NOT NULL,
  real_name TEXT NOT NULL DEFAULT '',
  about TEXT NOT NULL DEFAULT '',
  avatar TEXT,                             -- storage name of the re-encoded image
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'resident' CHECK (role IN ('resident','staff','moderator','admin')),
  department TEXT NOT NULL DEFAULT '',     -- staff: e.g. 'Bezirksamt - Straßen- und Grünflächenamt'
  neighbourhood_id BIGINT REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','disabled','suspended','deleted')),
  email_confirmed_at BIGINT,
  residence_verified_at BIGINT,
  language TEXT NOT NULL DEFAULT '',       -- '' = follow the browser
  profile_visibility TEXT NOT NULL DEFAULT 'residents' CHECK (profile_visibility IN ('residents','public')),
  search_indexable INTEGER NOT NULL DEFAULT 0,
  digest TEXT NOT NULL DEFAULT 'daily' CHECK (digest IN ('daily','weekly','off')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_neighbourhood ON users(neighbourhood_id);
