-- Rate limits shared by every node on one database (used on PostgreSQL; SQLite is single-node
-- and counts in memory). Counters per fixed window; the limiter weighs the previous window in,
-- which approximates a sliding window. Rows expire and are swept by the maintenance job.
CREATE TABLE rate_limits (
  name TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (name, window_start)
);
CREATE INDEX rate_limits_expires ON rate_limits(expires_at);

-- Growing delays after repeated failures (login, password re-entry), per key.
CREATE TABLE rate_backoff (
  name TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
