-- People search by name (SQLite: FTS5 over users.display_name, word-prefix matches). A LIKE
-- '%...%' scan read every row of users on every search: 70 % of the search route's time with
-- 100,000 residents. PostgreSQL keeps the LIKE query. External-content table: triggers keep it
-- in step with users.
CREATE VIRTUAL TABLE users_fts USING fts5(
  display_name,
  content='users', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO users_fts(users_fts) VALUES ('rebuild');
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts(rowid, display_name) VALUES (new.id, new.display_name);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, display_name) VALUES ('delete', old.id, old.display_name);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF display_name ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, display_name) VALUES ('delete', old.id, old.display_name);
  INSERT INTO users_fts(rowid, display_name) VALUES (new.id, new.display_name);
END;
