-- Reaction counts per item and reaction, kept by triggers on reactions, so a stream page reads
-- at most five index entries per item instead of counting every reaction it has.
CREATE TABLE reaction_counts (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  reaction TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (content_id, reaction)
) WITHOUT ROWID;

INSERT INTO reaction_counts (content_id, reaction, n)
  SELECT content_id, reaction, COUNT(*) FROM reactions GROUP BY content_id, reaction;

CREATE TRIGGER reaction_counts_insert AFTER INSERT ON reactions BEGIN
  INSERT INTO reaction_counts (content_id, reaction, n) VALUES (new.content_id, new.reaction, 1)
    ON CONFLICT (content_id, reaction) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER reaction_counts_delete AFTER DELETE ON reactions BEGIN
  UPDATE reaction_counts SET n = n - 1 WHERE content_id = old.content_id AND reaction = old.reaction;
  DELETE FROM reaction_counts WHERE content_id = old.content_id AND reaction = old.reaction AND n <= 0;
END;
CREATE TRIGGER reaction_counts_update AFTER UPDATE OF content_id, reaction ON reactions
  WHEN old.content_id <> new.content_id OR old.reaction <> new.reaction BEGIN
  UPDATE reaction_counts SET n = n - 1 WHERE content_id = old.content_id AND reaction = old.reaction;
  DELETE FROM reaction_counts WHERE content_id = old.content_id AND reaction = old.reaction AND n <= 0;
  INSERT INTO reaction_counts (content_id, reaction, n) VALUES (new.content_id, new.reaction, 1)
    ON CONFLICT (content_id, reaction) DO UPDATE SET n = n + 1;
END;
