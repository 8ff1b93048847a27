-- Outgoing mail, queued so that an outage of the mail server loses nothing.
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT,
  failed_at BIGINT,                        -- set when retries are exhausted
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_queue_due ON mail_queue(sent_at, failed_at, next_attempt_at);
CREATE INDEX mail_queue_to ON mail_queue(to_address);
