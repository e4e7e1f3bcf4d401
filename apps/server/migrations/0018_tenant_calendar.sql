CREATE TABLE "tenant_calendar_days" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_calendar_days_tenant_id_day_pk" PRIMARY KEY("tenant_id","day"),
	CONSTRAINT "tenant_calendar_days_kind_check" CHECK ("kind" IN ('closed', 'working'))
);
--> statement-breakpoint
ALTER TABLE "tenant_calendar_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "business_hours_start" text DEFAULT '08:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "business_hours_end" text DEFAULT '17:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_calendar_days" ADD CONSTRAINT "tenant_calendar_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_calendar_days" ADD CONSTRAINT "tenant_calendar_days_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_calendar_days_tenant_isolation" ON "tenant_calendar_days" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
