-- A directory search by language finds everyone who speaks it, whatever region or script they gave: "en" finds the
-- people who gave en, en-GB or en-US (the containment of the exact tag that this index replaces found only "en").
-- The function keeps each tag's language subtag. Its body is a single expression, which PostgreSQL inlines, so the
-- index costs about what a plain expression index costs to build. The tags are canonical (letters, digits and
-- hyphens only), so cutting every "-subtag" out of the JSON text cannot touch its structure.
CREATE FUNCTION primary_languages(languages jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(languages::text, '-[A-Za-z0-9]+', '', 'g')::jsonb;

DROP INDEX profile_languages;
CREATE INDEX profile_primary_languages ON profile USING gin (primary_languages(languages) jsonb_path_ops);
