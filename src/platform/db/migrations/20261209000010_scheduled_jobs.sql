-- Scheduled and background work (issue #13). The queue itself is pg-boss in its own schema `pgboss`,
-- installed by pg-boss at start. Here: an administrator's changes to a job's schedule (a row overrides
-- the job's default; cron NULL = not scheduled), and each person's choice of notifications — each event
-- as it comes, or one digest a day.
CREATE TABLE job_settings (
  name text PRIMARY KEY,
  cron text,
  updated_by int REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE users ADD COLUMN notify_mode text NOT NULL DEFAULT 'each' CHECK (notify_mode IN ('each','daily'));
-- The digest covered notifications up to this moment.
ALTER TABLE users ADD COLUMN digest_through timestamptz;
