-- Comments (one level of replies) and reactions (one per person per item, from a fixed set)
-- on every item of every kind.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,  -- a top-level comment, or NULL
  author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  hidden BIGINT NOT NULL DEFAULT 0,
  hidden_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX comments_content ON comments(content_id, id);
CREATE INDEX comments_parent ON comments(parent_id, id);
CREATE INDEX comments_author ON comments(author_id, id);

CREATE TABLE reactions (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reaction TEXT NOT NULL CHECK (reaction IN ('like','heart','thanks','laugh','sad')),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (content_id, user_id)
);
CREATE INDEX reactions_user ON reactions(user_id, content_id);
