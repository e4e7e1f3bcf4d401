-- Issue 14, What 7: service recovery (docs/recovery.md). A hot alert per survey response whose answers fell
-- under the line (0–10 under 8, or a dissatisfied answer on a critical question): assigned, due one business
-- hour later, escalated when late, closed with what was done and the customer's reaction, followed up.
ALTER TABLE "tenants" ADD COLUMN "recovery_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE TABLE "recovery_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"visit_id" uuid,
	"store_id" uuid,
	"assignee_id" uuid,
	"score" integer,
	"triggers" jsonb NOT NULL,
	"strong" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"action" text,
	"reaction" text,
	"reaction_code" text,
	"follow_up_task_id" uuid,
	"follow_up_answer" text,
	"follow_up_response_id" uuid,
	"complaint_id" uuid,
	CONSTRAINT "recovery_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "recovery_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_response_id_survey_responses_tenant_id_id_fk" FOREIGN KEY ("tenant_id","response_id") REFERENCES "public"."survey_responses"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_visit_id_visits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","visit_id") REFERENCES "public"."visits"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_assignee_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assignee_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_escalated_to_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","escalated_to") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_closed_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","closed_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_follow_up_task_id_care_tasks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","follow_up_task_id") REFERENCES "public"."care_tasks"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_follow_up_response_id_survey_responses_tenant_id_id_fk" FOREIGN KEY ("tenant_id","follow_up_response_id") REFERENCES "public"."survey_responses"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_alerts" ADD CONSTRAINT "recovery_alerts_tenant_id_complaint_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_alerts_response" ON "recovery_alerts" USING btree ("tenant_id","response_id");--> statement-breakpoint
CREATE INDEX "recovery_alerts_assignee_idx" ON "recovery_alerts" USING btree ("tenant_id","assignee_id","status","due_at");--> statement-breakpoint
CREATE INDEX "recovery_alerts_store_idx" ON "recovery_alerts" USING btree ("tenant_id","store_id","status","due_at");--> statement-breakpoint
CREATE INDEX "recovery_alerts_customer_idx" ON "recovery_alerts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "recovery_alerts_follow_up_idx" ON "recovery_alerts" USING btree ("tenant_id","follow_up_task_id");--> statement-breakpoint
CREATE POLICY "recovery_alerts_tenant_isolation" ON "recovery_alerts" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
