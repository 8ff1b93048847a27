-- The server processes that share this database (several nodes on one PostgreSQL), each with a
-- fingerprint of its configuration, so that a node starting with a setting that differs from the
-- others' warns and names the key (app/cluster_config.cpp). Secrets are kept only as a short hash.
CREATE TABLE cluster_nodes (
  node TEXT PRIMARY KEY,        -- "<host name>:<pid>"
  config TEXT NOT NULL,         -- {"auth.login_attempts_per_ip_5min": "25", ...} as JSON
  started_at BIGINT NOT NULL,   -- UTC ms
  seen_at BIGINT NOT NULL       -- UTC ms; refreshed every minute, a row older than 3 minutes is gone
);
