-- The staff scorecard's weights per tenant (issue 18, docs/cockpit.md): seed 002's until a tenant saves its own.
CREATE TABLE "scorecard_weights" (
	"tenant_id" uuid NOT NULL,
	"csat" integer NOT NULL,
	"repeat" integer NOT NULL,
	"referral" integer NOT NULL,
	"efficiency" integer NOT NULL,
	"complaint" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "scorecard_weights_pkey" PRIMARY KEY("tenant_id"),
	CONSTRAINT "scorecard_weights_sum" CHECK ("csat" + "repeat" + "referral" + "efficiency" + "complaint" = 100),
	CONSTRAINT "scorecard_weights_range" CHECK (LEAST("csat", "repeat", "referral", "efficiency", "complaint") >= 0)
);
--> statement-breakpoint
ALTER TABLE "scorecard_weights" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "scorecard_weights" ADD CONSTRAINT "scorecard_weights_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_weights" ADD CONSTRAINT "scorecard_weights_updated_by_staff_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "scorecard_weights_tenant_isolation" ON "scorecard_weights" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
