-- German search (PostgreSQL). quartier_fold() is the fold of core/src/platform/text/german.hpp
-- in SQL (keep the two in step): lower case, umlauts and accents to the base letter, ß to ss,
-- then ae oe ue to a o u (ue not after q), so "Straße"/"Strasse" and "München"/"Muenchen" meet.
-- The content's tsvector is the 'german' configuration's stems of the folded text; inner parts of
-- compounds ("putz" in "Frühjahrsputz") are found through a trigram index (pg_trgm, part of
-- Debian's postgresql package; a trusted extension, so the database's owner may create it) over
-- the same folded text, searched with LIKE '%stem%'. Existing content is indexed here.
CREATE FUNCTION quartier_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(
    translate(lower(t), 'äöüéèêëáàâíìîïóòôúùûçñÄÖÜÉÈÊËÁÀÂÍÌÎÏÓÒÔÚÙÛÇÑ',
                        'aoueeeeaaaiiiiooouuucnaoueeeeaaaiiiiooouuucn'),
    'ß', 'ss'), 'que', chr(1)), 'ae', 'a'), 'oe', 'o'), 'ue', 'u'), chr(1), 'que'), 'ẞ', 'ss')
$$;
ALTER TABLE content DROP COLUMN search;
ALTER TABLE content ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, quartier_fold(title)), 'A') ||
  setweight(to_tsvector('german'::regconfig, quartier_fold(summary)), 'B') ||
  setweight(to_tsvector('german'::regconfig, quartier_fold(body)), 'D')
) STORED;
CREATE INDEX content_search ON content USING GIN (search);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX content_search_parts ON content USING GIN (quartier_fold(title || ' ' || summary || ' ' || body) gin_trgm_ops);
