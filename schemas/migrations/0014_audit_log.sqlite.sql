-- Who did what to whom: role changes, status changes, invitations, legal texts.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor_id BIGINT,                         -- NULL = the command line or the system
  action TEXT NOT NULL,                    -- e.g. 'user.role_changed'
  target_type TEXT NOT NULL DEFAULT '',
  target_id BIGINT,
  details TEXT NOT NULL DEFAULT '{}',      -- JSON
  at BIGINT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_target ON audit_log(target_type, target_id);
