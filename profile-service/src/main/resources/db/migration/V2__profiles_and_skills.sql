-- People and their mentoring preferences. List-valued preferences are jsonb documents: they are read and
-- written with the profile as a whole, and searched with containment (@>) backed by GIN indexes.
CREATE TABLE profile (
    id                uuid PRIMARY KEY,
    external_id       text,
    email             text,
    display_name      text,
    job_title         text,
    department        text,
    location          text,
    time_zone         text,
    languages         jsonb       NOT NULL DEFAULT '[]',
    level             integer,
    grade_label       text,
    manager_id        uuid,
    -- The manager as the HRIS names them; resolved to manager_id once that person's profile exists.
    manager_external_id text,
    hire_date         date,
    status            text        NOT NULL,
    bio               text,
    open_to_roles     jsonb       NOT NULL DEFAULT '[]',
    skills            jsonb       NOT NULL DEFAULT '[]',
    goals             jsonb       NOT NULL DEFAULT '[]',
    topics            jsonb       NOT NULL DEFAULT '[]',
    capacity          integer     NOT NULL DEFAULT 0,
    availability      jsonb       NOT NULL DEFAULT '[]',
    formats           jsonb       NOT NULL DEFAULT '[]',
    open_to_requests  boolean     NOT NULL DEFAULT false,
    -- Effective time and sequence of the newest HRIS fact applied, so older facts never overwrite newer ones.
    hris_effective_at timestamptz,
    hris_sequence     bigint,
    version           bigint      NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    erased_at         timestamptz,
    CONSTRAINT profile_status_check CHECK (status IN ('active', 'on_leave', 'terminated', 'erased'))
);

CREATE UNIQUE INDEX profile_external_id_key ON profile (external_id);
CREATE UNIQUE INDEX profile_email_key ON profile (lower(email));
CREATE INDEX profile_name_order ON profile (display_name, id);
CREATE INDEX profile_manager ON profile (manager_id);
CREATE INDEX profile_manager_external_id ON profile (manager_external_id);
CREATE INDEX profile_department ON profile (department);
CREATE INDEX profile_skills ON profile USING gin (skills jsonb_path_ops);
CREATE INDEX profile_languages ON profile USING gin (languages jsonb_path_ops);

-- The canonical skills catalogue. Aliases and names are matched on their normalised form (lower case,
-- single spaces), so "k8s", "K8S" and " kubernetes " all find Kubernetes.
CREATE TABLE skill (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    normalized text NOT NULL UNIQUE,
    category   text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_alias (
    normalized text PRIMARY KEY,
    alias      text NOT NULL,
    skill_id   uuid NOT NULL REFERENCES skill (id) ON DELETE CASCADE
);

CREATE INDEX skill_normalized_prefix ON skill (normalized text_pattern_ops);
CREATE INDEX skill_alias_prefix ON skill_alias (normalized text_pattern_ops);
CREATE INDEX skill_alias_skill ON skill_alias (skill_id);
