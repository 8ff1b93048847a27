-- One row of reaction counts per item instead of one per item and reaction (0039): a stream page
-- reads one row per item instead of five index entries. Kept by a trigger on reactions.
CREATE TABLE reaction_tally (
  content_id BIGINT PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
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

DROP TRIGGER reaction_counts_track ON reactions;
DROP FUNCTION reaction_counts_track();
DROP TABLE reaction_counts;

CREATE FUNCTION reaction_tally_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.content_id = NEW.content_id AND OLD.reaction = NEW.reaction THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE reaction_tally SET
      n_heart = n_heart - (OLD.reaction = 'heart')::int, n_laugh = n_laugh - (OLD.reaction = 'laugh')::int,
      n_like = n_like - (OLD.reaction = 'like')::int, n_sad = n_sad - (OLD.reaction = 'sad')::int,
      n_thanks = n_thanks - (OLD.reaction = 'thanks')::int
    WHERE content_id = OLD.content_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO reaction_tally AS t (content_id, n_heart, n_laugh, n_like, n_sad, n_thanks)
      VALUES (NEW.content_id, (NEW.reaction = 'heart')::int, (NEW.reaction = 'laugh')::int,
              (NEW.reaction = 'like')::int, (NEW.reaction = 'sad')::int, (NEW.reaction = 'thanks')::int)
      ON CONFLICT (content_id) DO UPDATE SET
        n_heart = t.n_heart + EXCLUDED.n_heart, n_laugh = t.n_laugh + EXCLUDED.n_laugh,
        n_like = t.n_like + EXCLUDED.n_like, n_sad = t.n_sad + EXCLUDED.n_sad,
        n_thanks = t.n_thanks + EXCLUDED.n_thanks;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER reaction_tally_track AFTER INSERT OR DELETE OR UPDATE OF content_id, reaction ON reactions
  FOR EACH ROW EXECUTE FUNCTION reaction_tally_track();
