-- The KPI system (issue 18, docs/kpis.md): the repair-order rollup kept by a trigger, the nightly customer
-- snapshot, targets per tenant and store, improvement plans (PDCA).
CREATE TABLE "kpi_visit_months" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"store_id" uuid NOT NULL,
	"advisor_id" uuid NOT NULL,
	"ro_type" text NOT NULL,
	"age_band" smallint NOT NULL,
	"loyalty" text NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue_fen" bigint DEFAULT 0 NOT NULL,
	"parts_cost_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_visit_months_pk" PRIMARY KEY("tenant_id","month","store_id","advisor_id","ro_type","age_band","loyalty")
);
--> statement-breakpoint
ALTER TABLE "kpi_visit_months" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kpi_customer_months" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"store_id" uuid NOT NULL,
	"advisor_id" uuid NOT NULL,
	"age_band" smallint NOT NULL,
	"loyalty" text NOT NULL,
	"as_of" date NOT NULL,
	"retained" bigint DEFAULT 0 NOT NULL,
	"lost" bigint DEFAULT 0 NOT NULL,
	"lost_6m" bigint DEFAULT 0 NOT NULL,
	"active_12m" bigint DEFAULT 0 NOT NULL,
	"repeat_12m" bigint DEFAULT 0 NOT NULL,
	"visits_12m" bigint DEFAULT 0 NOT NULL,
	"maintenance_12m" bigint DEFAULT 0 NOT NULL,
	"lost_at_start" bigint DEFAULT 0 NOT NULL,
	"won_back" bigint DEFAULT 0 NOT NULL,
	"sold_vehicles" bigint DEFAULT 0 NOT NULL,
	"sold_returned" bigint DEFAULT 0 NOT NULL,
	"sold_due" bigint DEFAULT 0 NOT NULL,
	"first_back" bigint DEFAULT 0 NOT NULL,
	"clv_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_customer_months_pk" PRIMARY KEY("tenant_id","month","store_id","advisor_id","age_band","loyalty")
);
--> statement-breakpoint
ALTER TABLE "kpi_customer_months" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kpi" text NOT NULL,
	"store_id" uuid,
	"target" numeric(14, 2) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "kpi_targets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kpi_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kpi" text NOT NULL,
	"store_id" uuid,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"baseline" numeric(14, 2),
	"target" numeric(14, 2) NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'plan' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "kpi_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kpi_visit_months" ADD CONSTRAINT "kpi_visit_months_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_months" ADD CONSTRAINT "kpi_customer_months_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_tenant_id_updated_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_plans" ADD CONSTRAINT "kpi_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_plans" ADD CONSTRAINT "kpi_plans_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_plans" ADD CONSTRAINT "kpi_plans_tenant_id_owner_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_plans" ADD CONSTRAINT "kpi_plans_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_targets_key" ON "kpi_targets" USING btree ("tenant_id","kpi",COALESCE("store_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "kpi_plans_kpi_idx" ON "kpi_plans" USING btree ("tenant_id","kpi","status");--> statement-breakpoint
CREATE POLICY "kpi_visit_months_tenant_isolation" ON "kpi_visit_months" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "kpi_customer_months_tenant_isolation" ON "kpi_customer_months" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "kpi_targets_tenant_isolation" ON "kpi_targets" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "kpi_plans_tenant_isolation" ON "kpi_plans" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The repair-order rollup's trigger: the changed rows (+1 for new_rows, −1 for old_rows) are added to their
-- month (the tenant's zone), store, advisor, type, vehicle-age band (at the visit) and the customer's
-- loyalty grade (when written). Once per tenant of the rows with the tenant a parameter, every table pinned
-- to it (Citus: the trigger fires on a shard; docs/scaling.md §4); the rows are read with an explicit
-- record type (on a shard the trigger's table is named repair_orders_<shard>).
CREATE OR REPLACE FUNCTION app_kpi_visits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE rel text; js jsonb; tenant uuid; tz text;
BEGIN
  FOREACH rel IN ARRAY CASE WHEN TG_OP = 'INSERT' THEN ARRAY['new_rows'] WHEN TG_OP = 'DELETE' THEN ARRAY['old_rows']
                            ELSE ARRAY['new_rows', 'old_rows'] END LOOP
    EXECUTE format('SELECT jsonb_agg(to_jsonb(r)) FROM %I r', rel) INTO js;
    CONTINUE WHEN js IS NULL;
    FOR tenant IN SELECT DISTINCT (e->>'tenant_id')::uuid FROM jsonb_array_elements(js) e LOOP
      SELECT t.timezone INTO tz FROM tenants t WHERE t.id = tenant;
      EXECUTE $q$
        INSERT INTO kpi_visit_months AS k (tenant_id, month, store_id, advisor_id, ro_type, age_band, loyalty,
                                           orders, revenue_fen, parts_cost_fen)
        SELECT r.tenant_id, date_trunc('month', r.date_in AT TIME ZONE $3)::date,
               COALESCE(r.store_id, '00000000-0000-0000-0000-000000000000'::uuid),
               COALESCE(r.advisor_id, '00000000-0000-0000-0000-000000000000'::uuid), r.type,
               CASE WHEN v.purchase_date IS NULL THEN -1
                    ELSE LEAST(10, GREATEST(0, extract(year FROM age((r.date_in AT TIME ZONE $3)::date, v.purchase_date))::int))
               END,
               COALESCE(s.loyalty, 'none'),
               $4 * count(*), $4 * sum(r.total_fen), $4 * sum(r.parts_cost_fen)
          FROM jsonb_to_recordset($1) AS r(tenant_id uuid, store_id uuid, advisor_id uuid, type text,
                                           date_in timestamptz, vehicle_id uuid, customer_id uuid,
                                           total_fen bigint, parts_cost_fen bigint)
          LEFT JOIN vehicles v ON v.tenant_id = $2 AND v.id = r.vehicle_id
          LEFT JOIN customer_segments s ON s.tenant_id = $2 AND s.customer_id = r.customer_id
         WHERE r.tenant_id = $2
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (tenant_id, month, store_id, advisor_id, ro_type, age_band, loyalty) DO UPDATE
          SET orders = k.orders + excluded.orders, revenue_fen = k.revenue_fen + excluded.revenue_fen,
              parts_cost_fen = k.parts_cost_fen + excluded.parts_cost_fen
      $q$ USING js, tenant, tz, CASE WHEN rel = 'new_rows' THEN 1 ELSE -1 END;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER repair_orders_kpi_insert AFTER INSERT ON repair_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_kpi_visits();--> statement-breakpoint
CREATE TRIGGER repair_orders_kpi_update AFTER UPDATE ON repair_orders REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_kpi_visits();--> statement-breakpoint
CREATE TRIGGER repair_orders_kpi_delete AFTER DELETE ON repair_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_kpi_visits();--> statement-breakpoint
-- The repair orders written before this migration, once.
INSERT INTO kpi_visit_months (tenant_id, month, store_id, advisor_id, ro_type, age_band, loyalty, orders, revenue_fen, parts_cost_fen)
SELECT r.tenant_id, date_trunc('month', r.date_in AT TIME ZONE t.timezone)::date,
       COALESCE(r.store_id, '00000000-0000-0000-0000-000000000000'::uuid),
       COALESCE(r.advisor_id, '00000000-0000-0000-0000-000000000000'::uuid), r.type,
       CASE WHEN v.purchase_date IS NULL THEN -1
            ELSE LEAST(10, GREATEST(0, extract(year FROM age((r.date_in AT TIME ZONE t.timezone)::date, v.purchase_date))::int))
       END,
       COALESCE(s.loyalty, 'none'), count(*), sum(r.total_fen), sum(r.parts_cost_fen)
  FROM repair_orders r
  JOIN tenants t ON t.id = r.tenant_id
  LEFT JOIN vehicles v ON v.tenant_id = r.tenant_id AND v.id = r.vehicle_id
  LEFT JOIN customer_segments s ON s.tenant_id = r.tenant_id AND s.customer_id = r.customer_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
