-- Issue 14, What 1–3: the follow-up call centre (docs/calls.md). Care tasks become calls with a state
-- (seed 001 ch3-4 §2.4), their attempts are kept, a number a call found wrong is flagged on the customer's
-- phone, and the tenant tunes the queue window, the no-answer attempts and the agents' daily load.
ALTER TABLE "care_tasks" ADD COLUMN "kind" text DEFAULT 'call' NOT NULL;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD COLUMN "call_state" text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD COLUMN "first_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD COLUMN "close_reason" text;--> statement-breakpoint
-- Tasks closed before the call centre: done ones were completed calls, cancelled ones stay cancelled.
UPDATE "care_tasks" SET "call_state" = CASE "status" WHEN 'done' THEN 'completed' ELSE 'cancelled' END
 WHERE "status" IN ('done', 'cancelled');--> statement-breakpoint
CREATE INDEX "care_tasks_queue_idx" ON "care_tasks" USING btree ("tenant_id","store_id","due_at","id")
 WHERE status IN ('open', 'snoozed') AND kind <> 'data_fix';--> statement-breakpoint
CREATE TABLE "call_attempts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"outcome" text NOT NULL,
	"state_before" text NOT NULL,
	"state_after" text NOT NULL,
	"agent_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"callback_at" timestamp with time zone,
	"note" text,
	"response_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "call_attempts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "call_attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_tenant_id_task_id_care_tasks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."care_tasks"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_tenant_id_agent_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agent_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_attempts_task_seq" ON "call_attempts" USING btree ("tenant_id","task_id","seq");--> statement-breakpoint
CREATE INDEX "call_attempts_agent_idx" ON "call_attempts" USING btree ("tenant_id","agent_id","at");--> statement-breakpoint
CREATE INDEX "call_attempts_customer_idx" ON "call_attempts" USING btree ("tenant_id","customer_id","at");--> statement-breakpoint
CREATE POLICY "call_attempts_tenant_isolation" ON "call_attempts" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_phones" ADD COLUMN "flag" text;--> statement-breakpoint
ALTER TABLE "customer_phones" ADD COLUMN "flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "call_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;
