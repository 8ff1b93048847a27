-- An urgent announcement's mails are queued by a background job in batches, not inside the
-- request. The job is stored with the announcement (same transaction) and records how far it
-- got, so a restart resumes it and no resident's mail is lost or sent twice.
CREATE TABLE urgent_mail_jobs (
  id INTEGER PRIMARY KEY,
  content_id BIGINT NOT NULL,
  first_notification_id BIGINT NOT NULL,
  last_notification_id BIGINT NOT NULL,
  done_through BIGINT NOT NULL,           -- notifications with id <= this are queued
  queued BIGINT NOT NULL DEFAULT 0,       -- mails queued so far
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX urgent_mail_jobs_open ON urgent_mail_jobs(finished_at, id);
