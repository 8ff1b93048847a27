-- German search (SQLite): content_fts anew with the tokenizer "quartier_german"
-- (core/src/platform/text/fts_german.hpp), which indexes each word's Snowball stem after folding
-- case, umlauts, ß and ae/oe/ue ("Gärten", "Garten" -> gart; "Straße", "Strasse" -> strass) and,
-- at the same position, the word's inner parts marked with '#' ("#putz" in "Frühjahrsputz") for
-- matches inside compounds. detail=none: the search ANDs words and ranks in C++ (search/rank.cpp),
-- so positions would only make the index larger. Every Quartier connection registers the
-- tokenizer; a plain sqlite3 shell cannot write content any more. Existing content is indexed here.
DROP TRIGGER content_fts_insert;
DROP TRIGGER content_fts_delete;
DROP TRIGGER content_fts_update;
DROP TABLE content_fts;
CREATE VIRTUAL TABLE content_fts USING fts5(
  title, summary, body,
  content='content', content_rowid='id',
  tokenize='quartier_german', detail='none'
);
CREATE TRIGGER content_fts_insert AFTER INSERT ON content BEGIN
  INSERT INTO content_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
CREATE TRIGGER content_fts_delete AFTER DELETE ON content BEGIN
  INSERT INTO content_fts(content_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
CREATE TRIGGER content_fts_update AFTER UPDATE OF title, summary, body ON content BEGIN
  INSERT INTO content_fts(content_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO content_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
INSERT INTO content_fts(content_fts) VALUES ('rebuild');
