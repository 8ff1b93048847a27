-- Pictures in posts and comments (issue 15). One row per upload: it belongs to the person who
-- uploaded it and, once the post or comment that shows it is written, to that post or comment
-- (content_id or comment_id; both NULL while it waits to be used, cleaned after a day). The files
-- are in the media folder, images/<hash[0..2]>/<hash>-<size>.<ext>, shared by equal pictures;
-- file_key is "<hash>.<ext>" as for users.avatar. `quartier check-blobs` reads file_key.
CREATE TABLE content_images (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_key TEXT NOT NULL,
  width BIGINT NOT NULL,                   -- of the largest size kept (at most 1280 x 1280)
  height BIGINT NOT NULL,
  content_id BIGINT REFERENCES content(id) ON DELETE CASCADE,
  comment_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
  position BIGINT NOT NULL DEFAULT 0,      -- order within the post
  alt TEXT NOT NULL DEFAULT '',            -- the description read out by screen readers
  decorative BIGINT NOT NULL DEFAULT 0,    -- 1: the author said it needs none (alt = '')
  created_at BIGINT NOT NULL
);
CREATE INDEX content_images_content ON content_images(content_id, position) WHERE content_id IS NOT NULL;
CREATE INDEX content_images_comment ON content_images(comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX content_images_user ON content_images(user_id, id);
CREATE INDEX content_images_key ON content_images(file_key);
CREATE INDEX content_images_pending ON content_images(created_at) WHERE content_id IS NULL AND comment_id IS NULL;
-- The pictures as the cards show them (a JSON array written with the rows above), so a stream
-- page reads them with the item and no further query; NULL = none.
ALTER TABLE content ADD COLUMN images TEXT;
ALTER TABLE comments ADD COLUMN images TEXT;
