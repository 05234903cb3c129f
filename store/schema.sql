-- Runstrong store, schema version 2 (version 1 held one runner; version 2 holds several athletes:
-- store.db migrates a version-1 file in place, its rows becoming the athlete "Me").
-- The table and column names below are a public contract: runners query their own data with SQL
-- and the README shows these names. Add columns freely; never rename one without a version bump.
-- Units: SI with the unit in the name; instants *_utc are UTC; *_local are the runner's wall clock.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE SEQUENCE IF NOT EXISTS athlete_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS source_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS activity_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS session_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS injury_id_seq START 1;

-- The people whose training the store holds (a runner's own install: one; a coach's: several).
-- Every row of the tables below that carry athlete_id belongs to one athlete; the rows of laps,
-- records, hr_seconds, pace_seconds, strength_sets and strength_rests belong through their
-- activity or strength session (ids come from install-wide sequences, so they never collide).
CREATE TABLE IF NOT EXISTS athletes (
    athlete_id       BIGINT PRIMARY KEY,
    name             VARCHAR NOT NULL UNIQUE,
    created_at_utc   TIMESTAMP NOT NULL
);

-- One row per file each athlete was given (the same bytes offered again to the same athlete are
-- the same file: no second row; given to another athlete, they are that athlete's file too).
CREATE TABLE IF NOT EXISTS sources (
    source_id        BIGINT PRIMARY KEY,
    athlete_id       BIGINT NOT NULL,
    file_name        VARCHAR NOT NULL,       -- name as offered (path inside an archive included)
    sha256           VARCHAR NOT NULL,
    format           VARCHAR,                -- fit, strong_csv, hevy_csv, ...
    status           VARCHAR NOT NULL CHECK (status IN ('ok', 'partial', 'failed', 'duplicate', 'skipped')),
    message          VARCHAR,                -- what happened, in words a runner understands
    imported_at_utc  TIMESTAMP NOT NULL,
    size_bytes       BIGINT,
    parent_sha256    VARCHAR,                -- the archive this file came out of, if any
    UNIQUE (athlete_id, sha256)
);

CREATE TABLE IF NOT EXISTS activities (
    activity_id      BIGINT PRIMARY KEY,
    athlete_id       BIGINT NOT NULL,
    source_id        BIGINT NOT NULL,
    sport            VARCHAR,                -- FIT sport name: running, cycling, training, ...
    sub_sport        VARCHAR,
    name             VARCHAR,
    start_time_utc   TIMESTAMP NOT NULL,
    start_time_local TIMESTAMP,
    local_date       DATE NOT NULL,
    utc_offset_s     INTEGER,                -- start_time_local - start_time_utc
    local_time_basis VARCHAR,                -- local_timestamp | file_offset | utc (how local time was found)
    elapsed_s        DOUBLE,
    moving_s         DOUBLE,
    distance_m       DOUBLE,
    ascent_m         DOUBLE,
    avg_hr           DOUBLE,
    max_hr           DOUBLE,
    avg_cadence_spm  DOUBLE,                 -- steps per minute (both feet)
    calories_kcal    DOUBLE,
    rpe              DOUBLE,                 -- 0-10, when the runner or the app gave one
    device           VARCHAR,
    session_index    INTEGER,                -- position of the session inside its file (multisport)
    is_race          BOOLEAN,
    ngs_mps          DOUBLE,                 -- normalised graded speed from the record stream (for rTSS)
    n_records        INTEGER
);

-- An activity's laps, records, hr_seconds and pace_seconds are written with it, a statement per
-- table from frames unique by construction (lap_index counts the laps; a heart rate or a pace is a
-- group of the stream), and deleted with it. They have no PRIMARY KEY: its index cost every file's
-- write a tenth of its time (1.3 ms of 12.8, measured). A file created before keeps its keys, with
-- the same rows. tests/ingest/test_corpus.py checks the keys stay unique over the real exports.
CREATE TABLE IF NOT EXISTS laps (
    activity_id      BIGINT NOT NULL,
    lap_index        INTEGER NOT NULL,
    start_time_utc   TIMESTAMP,
    elapsed_s        DOUBLE,
    moving_s         DOUBLE,
    distance_m       DOUBLE,
    avg_hr           DOUBLE,
    avg_speed_mps    DOUBLE,
    intensity        VARCHAR,                -- active, rest, warmup, cooldown, recovery, interval
    "trigger"        VARCHAR                 -- manual, distance, time, ...
);

CREATE TABLE IF NOT EXISTS records (
    activity_id      BIGINT NOT NULL,
    timestamp_utc    TIMESTAMP,
    distance_m       DOUBLE,
    speed_mps        DOUBLE,
    heart_rate       DOUBLE,
    cadence_spm      DOUBLE,
    altitude_m       DOUBLE,
    power_w          DOUBLE,
    lat_deg          DOUBLE,
    lon_deg          DOUBLE
);

-- Seconds spent at each whole heart rate, per activity: TRIMP and hrTSS for any HRrest/HRmax
-- setting come from these few rows instead of the whole record stream.
CREATE TABLE IF NOT EXISTS hr_seconds (
    activity_id      BIGINT NOT NULL,
    heart_rate       INTEGER NOT NULL,
    seconds          DOUBLE NOT NULL
);

-- Seconds spent at each whole pace (s/km, rounded up; 30-s rolling speed), per activity: minutes
-- at or faster than any threshold pace (quality runs) come from these rows instead of the stream.
-- Added within schema version 1: a database imported before it has none until rebuilt, and its
-- runs then fall back to their laps' average paces.
CREATE TABLE IF NOT EXISTS pace_seconds (
    activity_id      BIGINT NOT NULL,
    pace_s_per_km    INTEGER NOT NULL,
    seconds          DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS strength_sessions (
    session_id       BIGINT PRIMARY KEY,
    athlete_id       BIGINT NOT NULL,
    source_id        BIGINT NOT NULL,
    activity_id      BIGINT,                 -- the watch activity, when the session came from a FIT file
    start_time_utc   TIMESTAMP,
    start_time_local TIMESTAMP,
    local_date       DATE NOT NULL,
    name             VARCHAR,
    duration_s       DOUBLE,
    rpe              DOUBLE,
    app              VARCHAR                 -- garmin, strong, hevy, fitnotes, template
);

CREATE TABLE IF NOT EXISTS strength_sets (
    session_id       BIGINT NOT NULL,
    set_index        INTEGER NOT NULL,
    exercise         VARCHAR,                -- as the app or watch named it ('unknown' when it did not)
    region           VARCHAR,                -- lower, core, upper, full, or NULL when not known
    set_type         VARCHAR,                -- working, warmup, rest, failure, dropset
    reps             DOUBLE,
    weight_kg        DOUBLE,
    duration_s       DOUBLE,
    rpe              DOUBLE,
    PRIMARY KEY (session_id, set_index)
);

CREATE TABLE IF NOT EXISTS injuries (
    injury_id        BIGINT PRIMARY KEY,
    athlete_id       BIGINT NOT NULL,
    onset_date       DATE NOT NULL,
    end_date         DATE,                   -- return to normal running; NULL while ongoing
    body_area        VARCHAR,
    severity         VARCHAR,                -- niggle, minor, moderate, severe
    time_loss        BOOLEAN,                -- running stopped or restricted
    medical_visit    BOOLEAN,
    note             VARCHAR,
    source_id        BIGINT                  -- NULL when entered on the Settings page
);

-- Each athlete's settings, one JSON value per key (profile, units, thresholds, races, policy).
CREATE TABLE IF NOT EXISTS settings (
    athlete_id BIGINT NOT NULL,
    key        VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,
    PRIMARY KEY (athlete_id, key)
);

-- Each athlete's own exercise -> body region assignments; they win over the shipped table and
-- survive re-imports and rebuilds.
CREATE TABLE IF NOT EXISTS exercise_regions (
    athlete_id BIGINT NOT NULL,
    exercise   VARCHAR NOT NULL,            -- lower-cased name
    region     VARCHAR NOT NULL CHECK (region IN ('lower', 'core', 'upper', 'full')),
    PRIMARY KEY (athlete_id, exercise)
);

-- Added by the import of every export (schema version 1, additive).

-- When watch strength sets were recorded (FIT set.start_time); NULL for app CSVs.
ALTER TABLE strength_sets ADD COLUMN IF NOT EXISTS start_time_utc TIMESTAMP;

-- A note the file gave an activity (a spreadsheet's comment column, through the column mapper).
ALTER TABLE activities ADD COLUMN IF NOT EXISTS note VARCHAR;

-- Column mappings chosen on the Import page for CSVs no known format reads, under their header's
-- signature; `python -m ingest` and a rebuild read files with them. Per athlete like every
-- setting: a mapping's name is often its file's, which is the athlete's own. A coach whose
-- athletes log in the same app exports the mappings as JSON and imports them for the next one.
CREATE TABLE IF NOT EXISTS csv_mappings (
    athlete_id       BIGINT NOT NULL,
    signature        VARCHAR NOT NULL,       -- hash of the header's column names (ingest.mapper)
    name             VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL CHECK (kind IN ('activities', 'strength')),
    mapping          VARCHAR NOT NULL,       -- JSON, as exported on the Import page
    saved_at_utc     TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete_id, signature)
);

-- Rest periods between a watch's strength sets, kept apart from the sets themselves.
CREATE TABLE IF NOT EXISTS strength_rests (
    session_id       BIGINT NOT NULL,
    rest_index       INTEGER NOT NULL,
    start_time_utc   TIMESTAMP,
    duration_s       DOUBLE,
    PRIMARY KEY (session_id, rest_index)
);

-- The same activity (or strength session) brought by more than one file: the row that stayed,
-- and each other file's copy that was folded into it (docs/formats.md, duplicates).
--   absorbed:   the file's copy arrived later and was no richer, so the stored one was kept
--   superseded: the file's copy was stored first and replaced by a richer one (FIT over CSV)
CREATE TABLE IF NOT EXISTS merges (
    athlete_id       BIGINT NOT NULL,
    kind             VARCHAR NOT NULL CHECK (kind IN ('activity', 'strength_session', 'injury')),
    kept_id          BIGINT NOT NULL,        -- activity_id, session_id or injury_id that stayed
    source_id        BIGINT NOT NULL,        -- the file whose copy was folded into it
    role             VARCHAR NOT NULL CHECK (role IN ('absorbed', 'superseded')),
    sport            VARCHAR,
    start_time_utc   TIMESTAMP,
    distance_m       DOUBLE,
    merged_at_utc    TIMESTAMP NOT NULL
);

-- What the runner deleted in the dashboard, by the file it came from and when it started, so a
-- rebuild from the raw store (which replays every file) deletes it again.
CREATE TABLE IF NOT EXISTS deletions (
    athlete_id       BIGINT NOT NULL,
    kind             VARCHAR NOT NULL CHECK (kind IN ('activity', 'strength_session')),
    source_sha256    VARCHAR NOT NULL,
    start_time_utc   TIMESTAMP,
    local_date       DATE,
    label            VARCHAR,                -- the activity's sport, or the session's name
    deleted_at_utc   TIMESTAMP NOT NULL
);

-- A watch strength session and the same workout logged in an app (Hevy, Strong, FitNotes, the
-- template) are one session: the app's row stays, pointing at the watch's session, and is read
-- through it (sets, name and RPE from the app; heart rate, times, duration and calories from the
-- watch). NULL for a session that stands on its own. Undone on the Import page.
ALTER TABLE strength_sessions ADD COLUMN IF NOT EXISTS merged_into BIGINT;

-- The runner's "these are two workouts" (a strength merge undone): the pair is never joined
-- again, by a re-import or a rebuild. Named by content (the watch session's start, the app
-- workout's app, day, start and name), so another export of the same workout stays apart too.
CREATE TABLE IF NOT EXISTS strength_kept_apart (
    athlete_id       BIGINT NOT NULL,
    watch_start_utc  TIMESTAMP NOT NULL,
    app              VARCHAR,
    app_local_date   DATE NOT NULL,
    app_start_local  TIMESTAMP,
    app_name         VARCHAR,
    decided_at_utc   TIMESTAMP NOT NULL
);

-- Strength sessions as the dashboard counts them: one row per workout, a joined pair as the
-- watch's row with the app's name and RPE (query these to count sessions).
CREATE OR REPLACE VIEW strength_sessions_merged AS
SELECT w.* REPLACE (coalesce(p.name, w.name) AS name, coalesce(p.rpe, w.rpe) AS rpe),
       p.session_id AS app_session_id, p.app AS app_logged_in
FROM strength_sessions w
LEFT JOIN strength_sessions p ON p.merged_into = w.session_id
WHERE w.merged_into IS NULL;

-- Their sets: a joined pair's sets are the app's, under the watch session's id.
CREATE OR REPLACE VIEW strength_sets_merged AS
SELECT s.* REPLACE (coalesce(x.merged_into, s.session_id) AS session_id)
FROM strength_sets s
LEFT JOIN strength_sessions x ON x.session_id = s.session_id
WHERE NOT EXISTS (SELECT 1 FROM strength_sessions p WHERE p.merged_into = s.session_id);

-- The runner's own session RPE (0-10) and note for an activity or a strength session, entered on
-- the Activities page. Kept apart from the imported rows and matched to them by start time and
-- label when read, so a re-import (even from a richer file) and a rebuild keep them.
CREATE TABLE IF NOT EXISTS session_notes (
    athlete_id       BIGINT NOT NULL,
    kind             VARCHAR NOT NULL CHECK (kind IN ('activity', 'strength_session')),
    start_time_utc   TIMESTAMP,
    local_date       DATE NOT NULL,
    label            VARCHAR,                -- the activity's sport, or the session's name
    rpe              DOUBLE CHECK (rpe IS NULL OR (rpe >= 0 AND rpe <= 10)),
    note             VARCHAR,
    edited_at_utc    TIMESTAMP NOT NULL
);

-- The runner's plan (docs/rules.md, planning ahead): sessions planned ahead, entered on the Plan page or
-- imported from the plan template. A plan is never an activity; it meets the history only in
-- analysis. Hand-entered and imported rows alike are the runner's own: a rebuild carries the
-- table as it stands (store.carry), edits and deletions included.
CREATE SEQUENCE IF NOT EXISTS plan_id_seq START 1;
CREATE TABLE IF NOT EXISTS planned_sessions (
    plan_id          BIGINT PRIMARY KEY,
    athlete_id       BIGINT NOT NULL,
    planned_date     DATE NOT NULL,          -- the runner's local calendar day
    time_local       TIME,                   -- planned start, wall clock; NULL: any time that day
    kind             VARCHAR NOT NULL CHECK (kind IN ('run', 'strength')),
    run_type         VARCHAR CHECK (run_type IS NULL OR run_type IN ('easy', 'long', 'quality', 'race')),
    distance_m       DOUBLE,                 -- a run's planned distance
    duration_s       DOUBLE,                 -- planned duration
    strength_focus   VARCHAR CHECK (strength_focus IS NULL
                                    OR strength_focus IN ('lower_heavy', 'lower', 'core', 'upper', 'full')),
    rpe              DOUBLE CHECK (rpe IS NULL OR (rpe >= 0 AND rpe <= 10)),
    note             VARCHAR,
    source_id        BIGINT,                 -- the plan file it came from; NULL when entered by hand
    edited_at_utc    TIMESTAMP NOT NULL
);

-- Derived, not data: what the dashboard last computed for an athlete (kind: what it is, such as
-- their row of the coach's roster) and the key it was computed under (their data version, the day,
-- the version of the code), so that a fresh start need not compute every athlete again. Never a
-- source of truth: left out of exports and rebuilds; deleted, it is computed again.
CREATE TABLE IF NOT EXISTS derived (
    athlete_id       BIGINT NOT NULL,
    kind             VARCHAR NOT NULL,
    key              VARCHAR NOT NULL,
    value            VARCHAR NOT NULL,       -- JSON
    computed_at_utc  TIMESTAMP NOT NULL,
    PRIMARY KEY (athlete_id, kind)
);
