-- Content model of ABI 1.2: a plugin's card data (a JSON object shown on the stream card, NULL
-- for most items so the stream reads nothing) and an expiry after which an item leaves the
-- streams and search but stays readable by link.
ALTER TABLE content ADD COLUMN card TEXT;
ALTER TABLE content ADD COLUMN expires_at BIGINT;
-- The stream and pinned indexes carry expires_at so the expiry check is read from the index, not
-- the row.
DROP INDEX content_stream;
CREATE INDEX content_stream ON content(container_id, id, expires_at) WHERE deleted_at IS NULL AND hidden = 0;
DROP INDEX content_stream_kind;
CREATE INDEX content_stream_kind ON content(container_id, kind, id, expires_at) WHERE deleted_at IS NULL AND hidden = 0;
DROP INDEX content_pinned;
CREATE INDEX content_pinned ON content(container_id, id, expires_at) WHERE pinned = 1 AND deleted_at IS NULL AND hidden = 0;
-- Search's covering access index (0038) too.
DROP INDEX content_search_access;
CREATE INDEX content_search_access ON content(id, container_id, hidden, deleted_at, expires_at);
