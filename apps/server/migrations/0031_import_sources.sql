-- The old systems a tenant's data comes from (issue 12): each import names its source, and the numbers
-- the old system gave its customers, cars, repair orders and sales orders are kept as source keys
-- (source + kind + number → the row they became), so a car file finds its owner by the customer number
-- and a re-import finds what it wrote by key first. A key has its own id (tenant_id, id), like every tenant row,
-- so the import change journal (0034) can log and undo it.
CREATE TABLE "import_sources" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_sources_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "import_sources" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "import_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"number" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "import_keys_entity_check" CHECK ("entity" IN ('customer', 'vehicle', 'repair_order', 'sales_order'))
);
--> statement-breakpoint
ALTER TABLE "import_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_keys" ADD CONSTRAINT "import_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_keys" ADD CONSTRAINT "import_keys_tenant_id_source_id_import_sources_tenant_id_id_fk" FOREIGN KEY ("tenant_id","source_id") REFERENCES "public"."import_sources"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_sources_name_key" ON "import_sources" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "import_sources_default_key" ON "import_sources" USING btree ("tenant_id") WHERE "is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "import_keys_number_key" ON "import_keys" USING btree ("tenant_id","source_id","entity","number");--> statement-breakpoint
CREATE INDEX "import_keys_entity_idx" ON "import_keys" USING btree ("tenant_id","entity","entity_id");--> statement-breakpoint
CREATE POLICY "import_sources_tenant_isolation" ON "import_sources" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "import_keys_tenant_isolation" ON "import_keys" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_tenant_id_source_id_import_sources_tenant_id_id_fk" FOREIGN KEY ("tenant_id","source_id") REFERENCES "public"."import_sources"("tenant_id","id") ON DELETE no action ON UPDATE no action;
