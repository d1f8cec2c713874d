-- Every replica keeps the directory cards it has served in memory (DirectoryCardCache) and drops them when a
-- profile changes. Whatever changes a profile row (the API, an HRIS event or import, an erasure, a statement typed
-- by an operator) notifies the channel profile_changed when its transaction commits: with the changed ids, comma
-- separated, or '*' when more than 200 rows changed at once. Inserted rows need no notice: nothing holds them yet.
CREATE FUNCTION notify_profile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_count bigint;
    changed_ids text;
BEGIN
    SELECT count(*), string_agg(id::text, ',') INTO changed_count, changed_ids
    FROM (SELECT id FROM changed_rows LIMIT 201) c;
    IF changed_count > 200 THEN
        PERFORM pg_notify('profile_changed', '*');
    ELSIF changed_count > 0 THEN
        PERFORM pg_notify('profile_changed', changed_ids);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER profile_updated AFTER UPDATE ON profile
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_profile_changed();
CREATE TRIGGER profile_deleted AFTER DELETE ON profile
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_profile_changed();

CREATE FUNCTION notify_profiles_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('profile_changed', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER profile_truncated AFTER TRUNCATE ON profile
    FOR EACH STATEMENT EXECUTE FUNCTION notify_profiles_truncated();
