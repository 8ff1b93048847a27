-- Containers (city, neighbourhoods, profiles, plugin containers such as groups) and the one
-- membership table the core checks access against. Timestamps: UTC ms, set by the application.
CREATE TABLE containers (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                      -- 'city', 'neighbourhood', 'profile', '<plugin>.<kind>'
  owner TEXT NOT NULL DEFAULT 'core',      -- 'core' or the plugin that registered the kind
  name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL DEFAULT 'members' CHECK (visibility IN ('public','members','hidden')),
  neighbourhood_id BIGINT REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,   -- profile containers: whose
  created_by BIGINT NOT NULL DEFAULT 0,    -- 0 = the system
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX containers_city ON containers(kind) WHERE kind = 'city';
CREATE UNIQUE INDEX containers_neighbourhood ON containers(neighbourhood_id) WHERE kind = 'neighbourhood';
CREATE UNIQUE INDEX containers_profile ON containers(user_id) WHERE kind = 'profile';
CREATE INDEX containers_kind ON containers(kind, id);

CREATE TABLE memberships (
  container_id BIGINT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner','moderator','member')),
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','requested','invited')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (container_id, user_id)
);
-- "Which containers am I an active member of" (home stream, search, access checks).
CREATE INDEX memberships_user ON memberships(user_id, state, container_id);
