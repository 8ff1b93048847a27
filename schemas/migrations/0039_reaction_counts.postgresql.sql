-- Reaction counts per item and reaction, kept by a trigger on reactions, so a stream page reads
-- at most five index entries per item instead of counting every reaction it has.
CREATE TABLE reaction_counts (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  reaction TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (content_id, reaction)
);

INSERT INTO reaction_counts (content_id, reaction, n)
  SELECT content_id, reaction, COUNT(*) FROM reactions GROUP BY content_id, reaction;

CREATE FUNCTION reaction_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.content_id = NEW.content_id AND OLD.reaction = NEW.reaction THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE reaction_counts SET n = n - 1 WHERE content_id = OLD.content_id AND reaction = OLD.reaction;
    DELETE FROM reaction_counts WHERE content_id = OLD.content_id AND reaction = OLD.reaction AND n <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO reaction_counts (content_id, reaction, n) VALUES (NEW.content_id, NEW.reaction, 1)
      ON CONFLICT (content_id, reaction) DO UPDATE SET n = reaction_counts.n + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER reaction_counts_track AFTER INSERT OR DELETE OR UPDATE OF content_id, reaction ON reactions
  FOR EACH ROW EXECUTE FUNCTION reaction_counts_track();
