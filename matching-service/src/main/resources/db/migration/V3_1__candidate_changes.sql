-- Recommendations keep the candidates in memory; this counter tells every instance cheaply that candidates
-- changed. The statement trigger bumps one row, so writers queue on it and commit in order: a reader that sees
-- generation n also sees every change committed before it.
CREATE TABLE candidate_generation (
    id         INT PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO candidate_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION bump_candidate_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidate_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER candidate_changed AFTER INSERT OR UPDATE OR DELETE ON candidate
    FOR EACH STATEMENT EXECUTE FUNCTION bump_candidate_generation();

CREATE INDEX candidate_applied ON candidate (applied_at);
