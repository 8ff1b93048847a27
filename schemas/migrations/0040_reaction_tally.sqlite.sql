-- One row of reaction counts per item instead of one per item and reaction (0039): a stream page
-- reads one row per item instead of five index entries. Kept by triggers on reactions.
CREATE TABLE reaction_tally (
  content_id INTEGER PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  n_heart BIGINT NOT NULL DEFAULT 0,
  n_laugh BIGINT NOT NULL DEFAULT 0,
  n_like BIGINT NOT NULL DEFAULT 0,
  n_sad BIGINT NOT NULL DEFAULT 0,
  n_thanks BIGINT NOT NULL DEFAULT 0
);

INSERT INTO reaction_tally (content_id, n_heart, n_laugh, n_like, n_sad, n_thanks)
  SELECT content_id,
         SUM(CASE reaction WHEN 'heart' THEN n ELSE 0 END), SUM(CASE reaction WHEN 'laugh' THEN n ELSE 0 END),
         SUM(CASE reaction WHEN 'like' THEN n ELSE 0 END), SUM(CASE reaction WHEN 'sad' THEN n ELSE 0 END),
         SUM(CASE reaction WHEN 'thanks' THEN n ELSE 0 END)
  FROM reaction_counts GROUP BY content_id;

DROP TRIGGER reaction_counts_insert;
DROP TRIGGER reaction_counts_delete;
DROP TRIGGER reaction_counts_update;
DROP TABLE reaction_counts;

CREATE TRIGGER reaction_tally_insert AFTER INSERT ON reactions BEGIN
  INSERT INTO reaction_tally (content_id, n_heart, n_laugh, n_like, n_sad, n_thanks)
    VALUES (new.content_id, new.reaction = 'heart', new.reaction = 'laugh', new.reaction = 'like',
            new.reaction = 'sad', new.reaction = 'thanks')
    ON CONFLICT (content_id) DO UPDATE SET
      n_heart = n_heart + excluded.n_heart, n_laugh = n_laugh + excluded.n_laugh, n_like = n_like + excluded.n_like,
      n_sad = n_sad + excluded.n_sad, n_thanks = n_thanks + excluded.n_thanks;
END;
CREATE TRIGGER reaction_tally_delete AFTER DELETE ON reactions BEGIN
  UPDATE reaction_tally SET
    n_heart = n_heart - (old.reaction = 'heart'), n_laugh = n_laugh - (old.reaction = 'laugh'),
    n_like = n_like - (old.reaction = 'like'), n_sad = n_sad - (old.reaction = 'sad'),
    n_thanks = n_thanks - (old.reaction = 'thanks')
  WHERE content_id = old.content_id;
END;
CREATE TRIGGER reaction_tally_update AFTER UPDATE OF content_id, reaction ON reactions
  WHEN old.content_id <> new.content_id OR old.reaction <> new.reaction BEGIN
  UPDATE reaction_tally SET
    n_heart = n_heart - (old.reaction = 'heart'), n_laugh = n_laugh - (old.reaction = 'laugh'),
    n_like = n_like - (old.reaction = 'like'), n_sad = n_sad - (old.reaction = 'sad'),
    n_thanks = n_thanks - (old.reaction = 'thanks')
  WHERE content_id = old.content_id;
  INSERT INTO reaction_tally (content_id, n_heart, n_laugh, n_like, n_sad, n_thanks)
    VALUES (new.content_id, new.reaction = 'heart', new.reaction = 'laugh', new.reaction = 'like',
            new.reaction = 'sad', new.reaction = 'thanks')
    ON CONFLICT (content_id) DO UPDATE SET
      n_heart = n_heart + excluded.n_heart, n_laugh = n_laugh + excluded.n_laugh, n_like = n_like + excluded.n_like,
      n_sad = n_sad + excluded.n_sad, n_thanks = n_thanks + excluded.n_thanks;
END;
