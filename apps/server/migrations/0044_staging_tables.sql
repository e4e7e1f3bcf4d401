-- Staging tables of the contact gate and the care sweep (issue 13, Citus): they were TEMP tables, which on
-- Citus are local to the coordinator and cannot be joined with the distributed tenant tables. As tenant
-- tables (tenant_id first, the tenant policy) they are distributed next to the tables they are joined with.
-- A run's rows carry its random `run` id and are deleted by the run before its transaction ends, so no other
-- transaction sees them; UNLOGGED: nothing in them has to survive a crash (no WAL for the working set).
CREATE UNLOGGED TABLE "care_selection" (
	"tenant_id" uuid NOT NULL,
	"run" uuid NOT NULL,
	"seq" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"store_id" uuid,
	"assignee_id" uuid,
	"anchor_on" date,
	"due_at" timestamp with time zone NOT NULL,
	"items" text,
	"dedupe_key" text,
	CONSTRAINT "care_selection_tenant_id_run_seq_pk" PRIMARY KEY("tenant_id","run","seq")
);
--> statement-breakpoint
ALTER TABLE "care_selection" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNLOGGED TABLE "touch_candidates" (
	"tenant_id" uuid NOT NULL,
	"run" uuid NOT NULL,
	"seq" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"source" text NOT NULL,
	"rule_key" text,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"dedupe_key" text NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"task_title" text,
	"task_role" text,
	"store_id" uuid,
	"assignee_id" uuid,
	"address" text,
	"notice_topic" text,
	"link" text,
	"expires_at" timestamp with time zone,
	"retry" boolean DEFAULT false NOT NULL,
	"held_reason" text,
	"task_script" text,
	CONSTRAINT "touch_candidates_tenant_id_run_seq_pk" PRIMARY KEY("tenant_id","run","seq")
);
--> statement-breakpoint
ALTER TABLE "touch_candidates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNLOGGED TABLE "touch_decisions" (
	"tenant_id" uuid NOT NULL,
	"run" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"source" text NOT NULL,
	"rule_key" text,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"dedupe_key" text NOT NULL,
	"priority" integer NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"task_title" text,
	"task_role" text,
	"store_id" uuid,
	"assignee_id" uuid,
	"known" boolean NOT NULL,
	"recipient" text,
	"decision" text NOT NULL,
	"reason" text,
	"send_at" timestamp with time zone,
	"notification_id" uuid,
	"task_id" uuid,
	"won" boolean DEFAULT false NOT NULL,
	"notice_topic" text,
	"link" text,
	"expires_at" timestamp with time zone,
	"retry" boolean DEFAULT false NOT NULL,
	"address" text,
	"task_at" timestamp with time zone,
	"task_script" text,
	CONSTRAINT "touch_decisions_tenant_id_run_dedupe_key_pk" PRIMARY KEY("tenant_id","run","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "touch_decisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "care_selection" ADD CONSTRAINT "care_selection_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touch_candidates" ADD CONSTRAINT "touch_candidates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touch_decisions" ADD CONSTRAINT "touch_decisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "care_selection_tenant_isolation" ON "care_selection" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "touch_candidates_tenant_isolation" ON "touch_candidates" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "touch_decisions_tenant_isolation" ON "touch_decisions" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);