-- Worker leases for background jobs. pg-boss retries a job whose process died only once the job's expiry has
-- passed (3 hours for an import). Each job-running process has a row here that it refreshes, and records the
-- jobs it is running; a process whose lease has lapsed (or, on the embedded engine, any earlier process) is
-- dead, and its jobs are handed back to pg-boss as failed attempts, so they are retried within minutes.
-- Platform bookkeeping like pg-boss's own tables: no tenant data, not for the application roles. Its own schema,
-- beside pgboss, so it stays on a Citus coordinator with the queue (docs/scaling.md).
CREATE SCHEMA IF NOT EXISTS m4s_jobs;
--> statement-breakpoint
CREATE TABLE m4s_jobs.workers (
	id uuid PRIMARY KEY,
	started_at timestamp with time zone NOT NULL DEFAULT now(),
	heartbeat_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE m4s_jobs.claims (
	job_id uuid PRIMARY KEY,
	queue text NOT NULL,
	worker_id uuid NOT NULL,
	claimed_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX claims_worker_idx ON m4s_jobs.claims (worker_id);
--> statement-breakpoint
REVOKE ALL ON SCHEMA m4s_jobs FROM PUBLIC;
