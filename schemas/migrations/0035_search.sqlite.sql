-- Full-text search over content (SQLite: FTS5). unicode61 folds case and umlauts (ä -> a),
-- so "Straßenfest", "strassenfest"-style spellings and word forms meet through prefix queries.
-- External-content table: the text lives once, in content; triggers keep the index in step.
CREATE VIRTUAL TABLE content_fts USING fts5(
  title, summary, body,
  content='content', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
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
