-- Each stream item shows its two newest comments: one query per page reads, per item, the two
-- newest ids from this partial index (content_id, id order, with what the visibility filter
-- needs), index entries only and never a deleted comment.
CREATE INDEX comments_latest ON comments(content_id, id, hidden, author_id) WHERE deleted_at IS NULL;
