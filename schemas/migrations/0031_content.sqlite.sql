-- One row per item of content, whatever plugin made it; plugins keep their details in their
-- own tables keyed by content.id. Edits keep the replaced values in content_revisions.
CREATE TABLE content (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                      -- 'post', 'announcement', 'groups.event', ...
  owner TEXT NOT NULL DEFAULT 'core',
  container_id BIGINT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
  author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  visibility TEXT NOT NULL DEFAULT 'members' CHECK (visibility IN ('members','public')),
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL DEFAULT '',
  official BIGINT NOT NULL DEFAULT 0,
  pinned BIGINT NOT NULL DEFAULT 0,
  urgent BIGINT NOT NULL DEFAULT 0,
  hidden BIGINT NOT NULL DEFAULT 0,        -- hidden by moderation or the report threshold
  hidden_reason TEXT NOT NULL DEFAULT '',
  comment_count BIGINT NOT NULL DEFAULT 0, -- kept in step by the store (no COUNT per stream item)
  revision BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
-- Streams: newest first per container, keyset on id; partial so hidden/deleted rows cost nothing.
CREATE INDEX content_stream ON content(container_id, id) WHERE deleted_at IS NULL AND hidden = 0;
CREATE INDEX content_stream_kind ON content(container_id, kind, id) WHERE deleted_at IS NULL AND hidden = 0;
CREATE INDEX content_pinned ON content(container_id, id) WHERE pinned = 1 AND deleted_at IS NULL AND hidden = 0;
-- Profile streams, export and erasure of a person's content.
CREATE INDEX content_author ON content(author_id, id);
-- Moderation queue of hidden items.
CREATE INDEX content_hidden ON content(id) WHERE hidden = 1;

CREATE TABLE content_revisions (
  id INTEGER PRIMARY KEY,
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  revision BIGINT NOT NULL,
  editor_id BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX content_revisions_content ON content_revisions(content_id, revision);
