-- Complaint notices (issue 15, docs/complaints.md): a case log entry addressed to a staff member (a deadline
-- warning, an escalation, a transfer, an assignment) is their notice until they have read it.
ALTER TABLE "complaint_events" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "complaint_events_to_idx" ON "complaint_events" USING btree ("tenant_id","to_id","at");
