-- Connected cars (issue 11 point 9, docs/telematics.md): providers' integrations (API key kept hashed), owners'
-- consents per car, the readings taken (idempotent per integration and reading id) and the alerts raised.
CREATE TABLE "telematics_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"reading_id" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	CONSTRAINT "telematics_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "telematics_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telematics_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "telematics_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "telematics_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telematics_integrations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "telematics_integrations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "telematics_integrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telematics_readings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"integration_id" uuid NOT NULL,
	"reading_id" text NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"odometer_km" integer,
	"fault_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"battery_voltage" double precision,
	"fuel_pct" double precision,
	"charge_pct" double precision,
	CONSTRAINT "telematics_readings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "telematics_readings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "telematics_alerts" ADD CONSTRAINT "telematics_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_alerts" ADD CONSTRAINT "telematics_alerts_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_consents" ADD CONSTRAINT "telematics_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_consents" ADD CONSTRAINT "telematics_consents_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_consents" ADD CONSTRAINT "telematics_consents_tenant_id_owner_id_owners_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."owners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_integrations" ADD CONSTRAINT "telematics_integrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_integrations" ADD CONSTRAINT "telematics_integrations_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_integrations" ADD CONSTRAINT "telematics_integrations_tenant_id_revoked_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","revoked_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_readings" ADD CONSTRAINT "telematics_readings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_readings" ADD CONSTRAINT "telematics_readings_tenant_id_integration_id_telematics_integrations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","integration_id") REFERENCES "public"."telematics_integrations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telematics_readings" ADD CONSTRAINT "telematics_readings_tenant_id_vehicle_id_vehicles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vehicle_id") REFERENCES "public"."vehicles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "telematics_alerts_vehicle_idx" ON "telematics_alerts" USING btree ("tenant_id","vehicle_id","condition","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "telematics_consents_open_idx" ON "telematics_consents" USING btree ("tenant_id","vehicle_id","owner_id") WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX "telematics_consents_owner_idx" ON "telematics_consents" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telematics_integrations_key_idx" ON "telematics_integrations" USING btree ("tenant_id","key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "telematics_readings_reading_idx" ON "telematics_readings" USING btree ("tenant_id","integration_id","reading_id");--> statement-breakpoint
CREATE INDEX "telematics_readings_vehicle_idx" ON "telematics_readings" USING btree ("tenant_id","vehicle_id","read_at");--> statement-breakpoint
CREATE POLICY "telematics_alerts_tenant_isolation" ON "telematics_alerts" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "telematics_consents_tenant_isolation" ON "telematics_consents" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "telematics_integrations_tenant_isolation" ON "telematics_integrations" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "telematics_readings_tenant_isolation" ON "telematics_readings" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The tenant's tuning of the connected-car rules (battery threshold, windows); absent keys: contracts' defaults.
ALTER TABLE "tenants" ADD COLUMN "telematics_rules" jsonb DEFAULT '{}'::jsonb NOT NULL;
