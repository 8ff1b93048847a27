-- Settings an administrator changes at run time (registration mode, legal texts, ...), as
-- opposed to the operator's config file. One row per key; values are text (JSON where structured).
-- updated_at: UTC milliseconds since the epoch, set by the application.
CREATE TABLE instance_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
