-- Containers found by name through FTS5 (groups and other plugin containers, the city, the
-- neighbourhoods) instead of a LIKE scan over every container, profiles included. Profiles are
-- not indexed (people are found through users_fts). unicode61 folds case and umlauts; the
-- prefix indexes make the first letters one types cheap. External content: the names live
-- once, in containers; the triggers keep the index in step.
CREATE VIRTUAL TABLE containers_fts USING fts5(
  name,
  content='containers', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
INSERT INTO containers_fts(rowid, name) SELECT id, name FROM containers WHERE kind <> 'profile';
CREATE TRIGGER containers_fts_insert AFTER INSERT ON containers WHEN new.kind <> 'profile' BEGIN
  INSERT INTO containers_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER containers_fts_delete AFTER DELETE ON containers WHEN old.kind <> 'profile' BEGIN
  INSERT INTO containers_fts(containers_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER containers_fts_update AFTER UPDATE OF name ON containers WHEN old.kind <> 'profile' BEGIN
  INSERT INTO containers_fts(containers_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO containers_fts(rowid, name) VALUES (new.id, new.name);
END;
