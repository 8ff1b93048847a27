-- Durable jobs and schedules (core and plugins): kept here so they survive restarts and run
-- once per cluster. A node claims a due row with a conditional UPDATE that sets lease_until
-- and lease_node; another node skips it until the lease has passed (a crashed node).
CREATE TABLE durable_jobs (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,                     -- "core" or the plugin name
  name TEXT NOT NULL,                      -- "<owner>.<handler>"
  schedule_key TEXT UNIQUE,                -- periodic: its name (one row per schedule); one-off: NULL
  payload TEXT NOT NULL DEFAULT '{}',      -- JSON text
  interval_ms BIGINT NOT NULL DEFAULT 0,   -- periodic: the interval; one-off: 0
  state TEXT NOT NULL DEFAULT 'pending',   -- pending, done, failed
  run_at BIGINT NOT NULL,                  -- UTC ms when it is due next
  attempts BIGINT NOT NULL DEFAULT 0,      -- failed tries of the current run
  max_attempts BIGINT NOT NULL DEFAULT 5,
  runs BIGINT NOT NULL DEFAULT 0,          -- successful runs
  failures BIGINT NOT NULL DEFAULT 0,      -- failed tries, all time
  last_run_at BIGINT,
  last_ok_at BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  last_node TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,   -- UTC ms; a claim holds the row until then
  lease_node TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX durable_jobs_due ON durable_jobs(state, run_at);
