-- Issue 14, What 6: the tenant's CSI / SSI factor sets, versioned (docs/indices.md). A version is never
-- edited: the application role may insert and read, not update or delete; a new version supersedes it.
CREATE TABLE "index_factor_sets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"factors" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "index_factor_sets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "index_factor_sets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "index_factor_sets" ADD CONSTRAINT "index_factor_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_factor_sets" ADD CONSTRAINT "index_factor_sets_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "index_factor_sets_number" ON "index_factor_sets" USING btree ("tenant_id","kind","number");--> statement-breakpoint
CREATE POLICY "index_factor_sets_tenant_isolation" ON "index_factor_sets" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
REVOKE UPDATE, DELETE ON "index_factor_sets" FROM m4s_app;
