-- Full-text search over content (PostgreSQL: tsvector with the 'german' configuration, which
-- stems German word forms and folds case). Weighted: title A, summary B, body D.
ALTER TABLE content ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, title), 'A') ||
  setweight(to_tsvector('german'::regconfig, summary), 'B') ||
  setweight(to_tsvector('german'::regconfig, body), 'D')
) STORED;
CREATE INDEX content_search ON content USING GIN (search);
