-- Forandringskort on PostgreSQL: the same concerns as the SQLite file (server/storage/sqlite.ts).
-- plans.last_seq hands out each plan's sequence numbers: the append locks the plan's row until it commits,
-- so sequence numbers rise in commit order, which is what compaction relies on.
CREATE TABLE plans (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE updates (
  plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (plan_id, seq)
);

CREATE TABLE snapshots (
  plan_id text PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE versions (
  id bigserial PRIMARY KEY,
  plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  state bytea NOT NULL
);
CREATE INDEX versions_by_plan ON versions (plan_id, id);

CREATE TABLE ideas (
  id bigserial PRIMARY KEY,
  plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  author_key text NOT NULL,
  author text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX ideas_by_author ON ideas (plan_id, author_key);

CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
