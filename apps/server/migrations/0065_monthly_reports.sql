-- The monthly report (issue 18 point 5, docs/reports.md): one row per month and scope (a store, or the group
-- with store_id NULL) holding both files, and the managers' subscriptions to them.
CREATE TABLE "monthly_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"month" date NOT NULL,
	"store_id" uuid,
	"xlsx" bytea NOT NULL,
	"pdf" bytea NOT NULL,
	"off_target" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" uuid,
	"sent_at" timestamp with time zone,
	CONSTRAINT "monthly_reports_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "monthly_reports_scope_key" UNIQUE NULLS NOT DISTINCT("tenant_id","month","store_id"),
	CONSTRAINT "monthly_reports_month_first" CHECK (extract(day FROM "month") = 1)
);
--> statement-breakpoint
ALTER TABLE "monthly_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_store_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_generated_by_staff_fk" FOREIGN KEY ("tenant_id","generated_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "monthly_reports_tenant_isolation" ON "monthly_reports" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"store_id" uuid,
	"format" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_subscriptions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "report_subscriptions_scope_key" UNIQUE NULLS NOT DISTINCT("tenant_id","staff_id","store_id"),
	CONSTRAINT "report_subscriptions_format" CHECK ("format" IN ('xlsx', 'pdf', 'both'))
);
--> statement-breakpoint
ALTER TABLE "report_subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_staff_fk" FOREIGN KEY ("tenant_id","staff_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_store_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "report_subscriptions_tenant_isolation" ON "report_subscriptions" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
