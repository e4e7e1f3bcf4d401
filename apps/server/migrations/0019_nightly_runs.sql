CREATE TABLE "nightly_runs" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"step" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "nightly_runs_tenant_id_day_step_pk" PRIMARY KEY("tenant_id","day","step")
);
--> statement-breakpoint
ALTER TABLE "nightly_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "nightly_runs" ADD CONSTRAINT "nightly_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "nightly_runs_tenant_isolation" ON "nightly_runs" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
