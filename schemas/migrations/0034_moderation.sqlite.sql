-- Reports (one per reporter and target, so the threshold counts distinct people), the
-- moderation audit log, and blocks between people.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('content','comment','user')),
  target_id BIGINT NOT NULL,
  content_id BIGINT NOT NULL DEFAULT 0,    -- the item (for content and comments), else 0
  subject_user_id BIGINT NOT NULL DEFAULT 0, -- whose content or who is reported
  neighbourhood_id BIGINT,                 -- area the report goes to (NULL = city-wide)
  reporter_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (reason IN ('spam','abuse','hate','misinformation','illegal','privacy','other')),
  details TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved','dismissed')),
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by BIGINT NOT NULL DEFAULT 0,
  resolution TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX reports_once ON reports(target_type, target_id, reporter_id);
CREATE INDEX reports_queue ON reports(status, id);
CREATE INDEX reports_reporter ON reports(reporter_id, id);

CREATE TABLE moderation_log (
  id INTEGER PRIMARY KEY,
  moderator_id BIGINT NOT NULL DEFAULT 0,  -- 0 = the system (report threshold)
  action TEXT NOT NULL,                    -- hide, unhide, delete, warn, suspend, unsuspend, dismiss, auto_hide
  target_type TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  subject_user_id BIGINT NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX moderation_log_subject ON moderation_log(subject_user_id, id);
CREATE INDEX moderation_log_target ON moderation_log(target_type, target_id, id);

CREATE TABLE blocks (
  blocker_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  blocked_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks(blocked_id, blocker_id);
