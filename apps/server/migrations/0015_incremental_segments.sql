CREATE TABLE "segment_dirty" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_dirty_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "segment_dirty" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "segments_on" date;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "segments_full" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "stable_until" date;--> statement-breakpoint
ALTER TABLE "vehicle_segments" ADD COLUMN "stable_until" date;--> statement-breakpoint
ALTER TABLE "segment_dirty" ADD CONSTRAINT "segment_dirty_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_orders_vehicle_idx" ON "sales_orders" USING btree ("tenant_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "customer_segments_stable_idx" ON "customer_segments" USING btree ("tenant_id","stable_until");--> statement-breakpoint
CREATE INDEX "vehicle_segments_stable_idx" ON "vehicle_segments" USING btree ("tenant_id","stable_until");--> statement-breakpoint
CREATE POLICY "segment_dirty_tenant_isolation" ON "segment_dirty" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Dirty marks for the incremental classification (modules/segments/classify.ts): whatever changes a
-- customer's classification inputs marks the customer, whichever module or import made the change.
-- Statement-level triggers with transition tables, so a bulk import or the generator marks once per
-- statement. They run as the caller (the app role under the tenant policy); a mark made again while a
-- classification is running gets a new marked_at, which is how the run knows to leave it for the next.
CREATE OR REPLACE FUNCTION app_segments_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE rel text;
BEGIN
  -- TG_ARGV[0]: how the changed rows ($rows) name the customer(s) whose classes they feed.
  FOREACH rel IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
                                  ELSE ARRAY['new_rows', 'old_rows'] END LOOP
    EXECUTE format($q$
      INSERT INTO segment_dirty (tenant_id, customer_id, marked_at)
      SELECT r.tenant_id, r.customer_id, clock_timestamp()
        FROM (SELECT DISTINCT q.tenant_id, q.customer_id FROM (%s) q WHERE q.customer_id IS NOT NULL) r
      ON CONFLICT (tenant_id, customer_id) DO UPDATE SET marked_at = excluded.marked_at
    $q$, replace(TG_ARGV[0], '$rows', rel));
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- One trigger per table and operation (transition tables differ by operation): what feeds whom.
DO $$
DECLARE t record; op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('customers', 'SELECT tenant_id, id AS customer_id FROM $rows', ARRAY['INSERT', 'UPDATE']),
    ('vehicles', 'SELECT tenant_id, owner_id AS customer_id FROM $rows', ARRAY['INSERT', 'UPDATE', 'DELETE']),
    ('repair_orders', 'SELECT tenant_id, customer_id FROM $rows UNION ALL SELECT v.tenant_id, v.owner_id FROM $rows x '
       || 'JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id', ARRAY['INSERT', 'UPDATE', 'DELETE']),
    ('mileage_readings', 'SELECT v.tenant_id, v.owner_id AS customer_id FROM $rows x '
       || 'JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id', ARRAY['INSERT', 'UPDATE', 'DELETE']),
    ('sales_orders', 'SELECT v.tenant_id, v.owner_id AS customer_id FROM $rows x '
       || 'JOIN vehicles v ON v.tenant_id = x.tenant_id AND v.id = x.vehicle_id', ARRAY['INSERT', 'UPDATE', 'DELETE'])
  ) AS x(tbl, feeds, ops) LOOP
    FOREACH op IN ARRAY t.ops LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION app_segments_dirty(%L)',
        t.tbl || '_segments_dirty_' || lower(op), op, t.tbl,
        CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                ELSE 'NEW TABLE AS new_rows OLD TABLE AS old_rows' END,
        t.feeds);
    END LOOP;
  END LOOP;
END $$;
