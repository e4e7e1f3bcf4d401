-- Issue 14, the call queue at scale (docs/calls.md, bench/RESULTS.md): the store's queue index carries the
-- columns its counts test (status, snoozed time, assignee, role) so the page's total and each role's pool are
-- read from the index alone, and each agent's open calls get an index of their own for the supervisor's
-- per-agent load (one range per agent, index only).
DROP INDEX IF EXISTS "care_tasks_queue_idx";--> statement-breakpoint
CREATE INDEX "care_tasks_queue_idx" ON "care_tasks" USING btree ("tenant_id","store_id","due_at","id","status","snoozed_until","assignee_id","role")
 WHERE status IN ('open', 'snoozed') AND kind <> 'data_fix';--> statement-breakpoint
CREATE INDEX "care_tasks_agent_queue_idx" ON "care_tasks" USING btree ("tenant_id","assignee_id","due_at","status","snoozed_until")
 WHERE status IN ('open', 'snoozed') AND kind <> 'data_fix';
